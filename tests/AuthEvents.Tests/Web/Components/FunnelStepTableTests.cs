using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using AuthEvents.Tests.Journeys;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Components.Controls.Journeys;
using Bunit;
using static AuthEvents.Tests.Journeys.JourneyScript;
using AuthEvents.Web.Components.Pages.Journeys;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// A step's stopped count is a plain link (<c>dropoff-{step}</c>) to the same view with that step's drop-off list open;
/// the open list's link closes it. Steps nobody stopped at, and the last step, have no link.
/// </summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class FunnelStepTableTests : ComponentTestContext
{
    [Fact]
    public void Render_PeopleStoppedAtTwoSteps_TheirCountsLinkToTheirDropOffLists()
    {
        var cut = Render<FunnelStepTable>(p => p.Add(x => x.Model, Model(dropOff: null)));

        Assert.Equal(["dropoff-started", "dropoff-password"], cut.FindAll("a.ae-dropoff-link").Select(a => a.GetAttribute("data-testid")));
        var started = cut.Find("[data-testid=dropoff-started]");
        Assert.Equal("1", started.TextContent);
        Assert.Equal("false", started.GetAttribute("aria-pressed"));
        Assert.Equal("journeys?funnel=sign-in&dropoff=started", started.GetAttribute("href"));
        // Relative to the app's base, as the browser follows it.
        Assert.Equal("http://localhost/journeys?funnel=sign-in&dropoff=started", Navigation.ToAbsoluteUri(started.GetAttribute("href")).AbsoluteUri);
        Assert.Empty(cut.FindAll("tr.is-open"));
    }

    [Fact]
    public void Render_DropOffListOpen_ItsLinkIsPressedAndClosesIt()
    {
        var cut = Render<FunnelStepTable>(p => p.Add(x => x.Model, Model(dropOff: "password")));

        var password = cut.Find("[data-testid=dropoff-password]");
        Assert.Equal("true", password.GetAttribute("aria-pressed"));
        Assert.Equal("journeys?funnel=sign-in", password.GetAttribute("href"));
        Assert.Equal("password", cut.Find("tr.is-open").GetAttribute("data-step"));
        // Another step's link switches the list to that step.
        Assert.Equal("journeys?funnel=sign-in&dropoff=started", cut.Find("[data-testid=dropoff-started]").GetAttribute("href"));
    }

    // Sign-in for four people: one stops at the start, one after the password, two sign in (one through an MFA).
    private static JourneysViewModel Model(string? dropOff)
    {
        IEnumerable<PersonAttempt> Of(long person, JourneyScript script) =>
            FunnelAttemptBuilder.Build(Funnels.SignIn, script.Ordered()).Select(a => new PersonAttempt(person, a));
        var attempts = Of(1, new JourneyScript(10).LoginGov(S(0), "login-email-and-password-auth", true).LoginGov(S(20), "mfa-login-auth-submitted", true).LoginGov(S(21), "login-completed"))
            .Concat(Of(2, new JourneyScript(20).Add(S(0), EventSource.OnePassword, "credentials_failed")))
            .Concat(Of(3, new JourneyScript(30).Add(S(0), EventSource.OnePassword, "mfa_failed")))
            .Concat(Of(4, new JourneyScript(40).Add(S(0), EventSource.FusionAuth, "user.login.success")));
        var report = FunnelAggregator.Summarize(Funnels.SignIn, attempts, new FunnelReportOptions(Ticks(TimeSpan.FromDays(1))));
        var state = JourneysState.Parse("sign-in", null, null, null, null, null, dropOff, null);
        return new JourneysViewModel(state, report, null);
    }
}
