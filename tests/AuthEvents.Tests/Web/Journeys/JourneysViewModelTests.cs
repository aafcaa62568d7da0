using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using AuthEvents.Store.Journeys;
using AuthEvents.Tests.Journeys;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Components.Controls.Journeys;
using static AuthEvents.Tests.Journeys.JourneyScript;
using AuthEvents.Web.Components.Pages.Journeys;

namespace AuthEvents.Tests.Web.Journeys;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class JourneysViewModelTests
{
    private static FunnelReport SignInReport(FunnelBreakdown breakdown = FunnelBreakdown.None)
    {
        IEnumerable<PersonAttempt> Of(long person, JourneyScript script) =>
            FunnelAttemptBuilder.Build(Funnels.SignIn, script.Ordered()).Select(a => new PersonAttempt(person, a));
        var attempts = Of(1, new JourneyScript(10).LoginGov(S(0), "login-email-and-password-auth", true).LoginGov(S(20), "mfa-login-auth-submitted", true).LoginGov(S(21), "login-completed"))
            .Concat(Of(2, new JourneyScript(20).Add(S(0), EventSource.OnePassword, "credentials_failed")))
            .Concat(Of(3, new JourneyScript(30).Add(S(0), EventSource.OnePassword, "mfa_failed")))
            .Concat(Of(4, new JourneyScript(40).Add(S(0), EventSource.FusionAuth, "user.login.success")));
        return FunnelAggregator.Summarize(Funnels.SignIn, attempts, new FunnelReportOptions(Ticks(TimeSpan.FromDays(1)), Breakdown: breakdown));
    }

    [Fact]
    public void Steps_SignInReport_CountsBarsAndLinks()
    {
        var state = JourneysState.Parse("sign-in", null, null, null, null, null, "password", null);

        var vm = new JourneysViewModel(state, SignInReport(), new JourneyPeopleList(0, []));

        Assert.Equal(["4", "3", "2", "2"], vm.Steps.Select(s => s.Entered));
        Assert.Equal([100, 75, 50, 50], vm.Steps.Select(s => s.EnteredWidth));
        Assert.Equal([75, 50, 50, 50], vm.Steps.Select(s => s.ConvertedWidth));
        Assert.Equal(("1", "75.0 %"), (vm.Steps[0].Dropped, vm.Steps[0].Rate));
        Assert.Equal("journeys?funnel=sign-in&dropoff=started", vm.Steps[0].DropOffUrl);
        // The open list's link closes it.
        Assert.True(vm.Steps[1].DropOffOpen);
        Assert.Equal("journeys?funnel=sign-in", vm.Steps[1].DropOffUrl);
        Assert.Equal("People who stopped at \u201cPassword accepted\u201d", vm.ListTitle);
        Assert.True(vm.Steps[3].IsLast);
        Assert.Equal("", vm.Steps[3].Dropped);
    }

    [Fact]
    public void Segments_BySource_DisplayNamesAndShares()
    {
        var state = JourneysState.Parse("sign-in", null, null, null, null, "source", null, null);

        var vm = new JourneysViewModel(state, SignInReport(FunnelBreakdown.Source), null);

        Assert.Equal(["1Password", "FusionAuth", "Login.gov"], vm.Segments.Select(s => s.Value));
        Assert.Equal([("2", 1.0), ("1", 0.5), ("0", 0.0), ("0", 0.0)], vm.Segments[0].Steps);
        Assert.Equal("0.0 %", vm.Segments[0].Completion);
        Assert.Null(vm.ListTitle);
    }

    [Fact]
    public void Branches_IdvReport_OneRowPerBranchWithItsSteps()
    {
        var report = FunnelAggregator.Summarize(Funnels.IdentityVerification, [], new FunnelReportOptions(0));

        var vm = new JourneysViewModel(JourneysState.Default, report, null);

        Assert.Equal(["Verify by mail", "Verify in person"], vm.Branches.Select(b => b.Label));
        Assert.Equal(["Letter requested", "Code from letter entered"], vm.Branches[0].Steps.Select(s => s.Label));
        Assert.Equal("from \u201cSSN\u201d on", vm.Branches[0].From);
    }
}
