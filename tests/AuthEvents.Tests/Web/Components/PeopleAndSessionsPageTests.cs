using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;
using Bunit;
using PeoplePage = AuthEvents.Web.Components.Pages.People.PeoplePage;
using SessionsPage = AuthEvents.Web.Components.Pages.People.SessionsPage;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// The people and sessions lists over a store holding a few sign-ins: who was active in the last 24 hours (people with the
/// most failures first, sessions most recent first), with their counts and a link to their own page; nobody seen says so.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class PeopleAndSessionsPageTests : PageTestContext
{
    [Fact]
    public async Task People_StoredSignIns_MostFailuresFirstEachLinkedToTheirPage()
    {
        await StoreSignInsAsync();

        var cut = Render<PeoplePage>();

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count), Patience.HangGuard);
        // Bob failed twice, Alice once (though she was seen more recently). Carol's only event is older than a day.
        Assert.Equal([["b***@example.com", "2", "2"], ["a***@example.com", "3", "1"]], Rows(cut).Select(r => r.Take(3).ToList()));
        Assert.Equal(["people/email%3Ab0b", "people/email%3Aa11ce"], Links(cut));
        Assert.Equal("Person", cut.Find("[data-testid=actor-grid] thead th").TextContent.Trim());
    }

    [Fact]
    public async Task Sessions_StoredSignIns_MostRecentFirstEachLinkedToItsPage()
    {
        await StoreSignInsAsync();

        var cut = Render<SessionsPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count), Patience.HangGuard);
        // A session is labelled with its person's masked e-mail; its key is the link's title.
        // Alice's session is the more recent, though Bob's has more failures.
        Assert.Equal([["a***@example.com", "3", "1"], ["b***@example.com", "2", "2"]], Rows(cut).Select(r => r.Take(3).ToList()));
        Assert.Equal(["sessions/A-SESSION", "sessions/B-SESSION"], Links(cut));
        Assert.Equal(["A-SESSION", "B-SESSION"], cut.FindAll("[data-testid=actor-grid] tbody a").Select(a => a.GetAttribute("title")));
        Assert.Equal("Session", cut.Find("[data-testid=actor-grid] thead th").TextContent.Trim());
    }

    [Fact]
    public async Task People_NobodyInTheLastDay_SaysSo()
    {
        await StoreAsync(Event("old-1", 25 * 60, EventSource.LoginGov, "login-completed", person: "email:ca7", session: "C-SESSION"));

        var cut = Render<PeoplePage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=actor-grid-empty]")), Patience.HangGuard);
        Assert.Equal("No people seen in the last 24 hours.", cut.Find("[data-testid=actor-grid-empty]").TextContent);
        Assert.Empty(Links(cut));
    }

    [Fact]
    public async Task Sessions_NoneInTheLastDay_SaysSo()
    {
        await StoreAsync(Event("old-1", 25 * 60, EventSource.LoginGov, "login-completed", person: "email:ca7", session: "C-SESSION"));

        var cut = Render<SessionsPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=actor-grid-empty]")), Patience.HangGuard);
        Assert.Equal("No sessions in the last 24 hours.", cut.Find("[data-testid=actor-grid-empty]").TextContent);
    }

    private static List<List<string>> Rows<T>(IRenderedComponent<T> cut)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.FindAll("[data-testid=actor-grid] tbody tr").Where(r => r.QuerySelector("a") is not null)
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();

    private static List<string?> Links<T>(IRenderedComponent<T> cut)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.FindAll("[data-testid=actor-grid] tbody a").Select(a => a.GetAttribute("href")).ToList();

    /// <summary>
    /// In the last hour Bob fails his 1Password password twice (one session), then Alice signs in on Login.gov after a wrong
    /// MFA code (three events, one session); Carol's sign-in was yesterday, before the lists' day.
    /// </summary>
    private async Task StoreSignInsAsync() => await StoreAsync(
        Event("lg-1", 10, EventSource.LoginGov, "login-email-and-password-auth", Outcome.Success, person: "email:a11ce", email: "a***@example.com", session: "A-SESSION"),
        Event("lg-2", 9, EventSource.LoginGov, "mfa-login-auth-submitted", Outcome.Failure, person: "email:a11ce", session: "A-SESSION",
            reason: new FailureReason("otp", "invalid", CanonicalReasons.MfaInvalid)),
        Event("lg-3", 8, EventSource.LoginGov, "login-completed", person: "email:a11ce", session: "A-SESSION"),
        Event("op-1", 50, EventSource.OnePassword, "credentials_failed", person: "email:b0b", email: "b***@example.com", session: "B-SESSION"),
        Event("op-2", 49, EventSource.OnePassword, "credentials_failed", person: "email:b0b", email: "b***@example.com", session: "B-SESSION"),
        Event("old-1", 25 * 60, EventSource.LoginGov, "login-completed", person: "email:ca7", email: "c***@example.com", session: "C-SESSION"));
}
