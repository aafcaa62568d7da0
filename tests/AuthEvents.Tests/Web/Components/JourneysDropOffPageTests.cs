using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;
using Bunit;
using JourneysPage = AuthEvents.Web.Components.Pages.Journeys.JourneysPage;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// The /journeys page's drop-off: a step's stopped count links to the list of the people who stopped there, the link
/// opens it, and its Close link leads back. Kept apart from <see cref="JourneysPageTests"/> (the pickers), and on
/// content and links only, away from the times the zone work is changing.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class JourneysDropOffPageTests : PageTestContext
{
    private const string SignIn = "journeys?funnel=sign-in&range=24h";

    [Fact]
    public async Task StoppedCount_Followed_OpensTheListOfThePeopleWhoStoppedThere()
    {
        await StoreSignInsAsync();
        Navigation.NavigateTo(SignIn);
        var cut = Render<JourneysPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=funnel-steps]")), Patience.HangGuard);
        Assert.Equal(
            [("People entered", "3"), ("Completed", "1")],
            cut.FindAll("[data-testid=journey-tiles] .ae-tile").Take(2).Select(t => (t.QuerySelector(".ae-tile-label")!.TextContent, t.QuerySelector(".ae-tile-value")!.TextContent)));
        Assert.Empty(cut.FindAll("[data-testid=journey-list]"));
        // Bob and Carol stopped at the first step: its stopped count is a link; the last step's never is.
        var stopped = cut.Find("[data-testid=dropoff-started]");
        Assert.Equal("2", stopped.TextContent);
        Assert.Equal("false", stopped.GetAttribute("aria-pressed"));
        Assert.Empty(cut.FindAll("[data-testid=dropoff-signed-in]"));

        // The link is followed as the browser does: the URL changes and the page reads it.
        Navigation.NavigateTo(stopped.GetAttribute("href")!);

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=journey-list]")), Patience.HangGuard);
        Assert.Equal("journeys?funnel=sign-in&range=24h&dropoff=started", Navigation.ToBaseRelativePath(Navigation.Uri));
        Assert.Equal("true", cut.Find("[data-testid=dropoff-started]").GetAttribute("aria-pressed"));
        var people = cut.FindAll("[data-testid=journey-people] tbody tr").Where(r => r.QuerySelector("a") is not null).ToList();
        Assert.Equal(["people/email%3Ab0b", "people/email%3Aca7"], people.Select(r => r.QuerySelector("a")!.GetAttribute("href")).Order(StringComparer.Ordinal));
        var bob = people.Single(r => r.QuerySelector("a")!.GetAttribute("href") == "people/email%3Ab0b");
        Assert.Contains(CanonicalReasons.InvalidCredentials, bob.TextContent, StringComparison.Ordinal);
        Assert.Contains("credentials_failed", bob.TextContent, StringComparison.Ordinal);
        Assert.Contains("· 2", cut.Find("#journey-list-title").TextContent, StringComparison.Ordinal);
        Assert.Equal(SignIn, cut.Find("[data-testid=journey-list] .ae-section-header a").GetAttribute("href"));
    }

    [Fact]
    public async Task Render_DropOffInTheUrl_ListOpenWithOnlyThatStepsPeople()
    {
        await StoreSignInsAsync();
        Navigation.NavigateTo(SignIn + "&dropoff=started");

        var cut = Render<JourneysPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=journey-list]")), Patience.HangGuard);
        var links = cut.FindAll("[data-testid=journey-people] tbody a").Select(a => a.GetAttribute("href")).Order(StringComparer.Ordinal);
        // Alice completed: she is not among those who stopped.
        Assert.Equal(["people/email%3Ab0b", "people/email%3Aca7"], links);
    }

    /// <summary>
    /// Hours ago, long past the sign-in's half-hour window: Alice signs in on Login.gov; Bob fails his 1Password password;
    /// Carol fails hers on Login.gov.
    /// </summary>
    private async Task StoreSignInsAsync() => await StoreAsync(
        Event("lg-1", 180, EventSource.LoginGov, "login-email-and-password-auth", Outcome.Success, person: "email:a11ce", email: "a***@example.com", subject: "U1", session: "S1"),
        Event("lg-2", 179.5, EventSource.LoginGov, "mfa-login-auth-submitted", Outcome.Success, person: "email:a11ce", subject: "U1", session: "S1", authenticator: "totp"),
        Event("lg-3", 179.4, EventSource.LoginGov, "login-completed", person: "email:a11ce", subject: "U1", session: "S1"),
        Event("op-1", 120, EventSource.OnePassword, "credentials_failed", person: "email:b0b", email: "b***@example.com", subject: "OPBOB",
            reason: new FailureReason("category", "credentials_failed", CanonicalReasons.InvalidCredentials)),
        Event("lg-c", 100, EventSource.LoginGov, "login-email-and-password-auth", Outcome.Failure, person: "email:ca7", email: "c***@example.com", subject: "U3", session: "S3",
            reason: new FailureReason("password", "invalid", CanonicalReasons.InvalidCredentials)));
}
