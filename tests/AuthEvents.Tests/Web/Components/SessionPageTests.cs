using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;
using Bunit;
using SessionPage = AuthEvents.Web.Components.Pages.Session.SessionPage;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// A session's page (/sessions/{key}) over a store holding a person's sign-ins: the session's events in order with their
/// reasons, where it stopped in each funnel, its person linked, the person's events just before it and the pivots its
/// IP leads to; an unknown key says so. Times are left to the zone tests: these read content, counts and links.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class SessionPageTests : PageTestContext
{
    private const string Alice = "email:a11ce";

    [Fact]
    public async Task Render_StoredSession_EventsInOrderPersonAndWhereItStopped()
    {
        await StoreSignInsAsync();

        var cut = RenderPage("S1");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=session-events]")), Patience.HangGuard);
        var header = Words(cut.Find(".ae-page-header .mud-typography-body2").TextContent);
        Assert.StartsWith("S1 · Login.gov · ", header, StringComparison.Ordinal);
        Assert.EndsWith(" · 4 events · 1 failed", header, StringComparison.Ordinal);
        var rows = cut.FindAll("[data-testid=session-events] tbody tr").Select(r => r.QuerySelectorAll("td").ToList()).ToList();
        Assert.Equal(["1", "2", "3", "4"], rows.Select(r => r[0].TextContent));
        Assert.Equal(
            ["login-email-and-password-auth", "mfa-login-auth-submitted", "mfa-login-auth-submitted", "login-completed"],
            rows.Select(r => r[4].ChildNodes[0].TextContent));
        Assert.Equal(["", $"{CanonicalReasons.MfaInvalid} (otp: invalid)", "", ""], rows.Select(r => Words(r[5].TextContent)));
        Assert.Equal(["198.51.100.7", "198.51.100.7", "198.51.100.7", "198.51.100.7"], rows.Select(r => r[6].TextContent));
        Assert.Equal(["", "totp", "totp", ""], rows.Select(r => r[8].TextContent));

        var signIn = cut.FindAll("[data-testid=session-stopped] tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Sign-in");
        Assert.Equal(["reached Signed in", "completed"], signIn.QuerySelectorAll("td").Select(td => Words(td.TextContent)));
        Assert.Contains("login.complete", cut.Find("[data-testid=session-stopped] .ae-stopped").TextContent, StringComparison.Ordinal);

        var person = cut.Find("[data-testid=session-people] a");
        Assert.Equal("people/email%3Aa11ce", person.GetAttribute("href"));
        Assert.Equal("a***@example.com", person.TextContent);
        Assert.Equal("4 events in this session", cut.Find("[data-testid=session-people] .ae-subtle").TextContent);
    }

    [Fact]
    public async Task Render_StoredSession_PersonsEventsAroundItAndPivotsByIp()
    {
        await StoreSignInsAsync();

        var cut = RenderPage("S1");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=session-events]")), Patience.HangGuard);
        // Alice's 1Password failure came just before; nothing of hers since.
        var before = cut.FindAll("[data-testid=context-before] tbody tr");
        Assert.Equal("credentials_failed · 1Password", Words(Assert.Single(before).QuerySelectorAll("td")[2].TextContent));
        Assert.Equal("Nothing later from this person yet.", cut.Find("[data-testid=context-after] td").TextContent);
        // Bob signed in from the same IP: the pivot leads to him.
        var pivot = cut.FindAll("[data-testid=pivot]").Single(p => p.QuerySelector(".ae-pivot-head .ae-mono")!.TextContent == "198.51.100.7");
        Assert.Equal(["sessions/S2"], pivot.QuerySelectorAll("[data-testid=pivot-session]").Select(a => a.GetAttribute("href")));
        Assert.Equal(["people/email%3Ab0b"], pivot.QuerySelectorAll("[data-testid=pivot-person]").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Render_UnknownKey_SaysNoEventsCarryIt()
    {
        await StoreSignInsAsync();

        var cut = RenderPage("NO-SUCH-SESSION");

        cut.WaitForAssertion(() => Assert.Contains("No events carry this session key.", cut.Markup, StringComparison.Ordinal), Patience.HangGuard);
        Assert.Empty(cut.FindAll("[data-testid=session-events]"));
        Assert.Equal("NO-SUCH-SESSION", cut.Find(".ae-page-header .ae-mono").TextContent);
    }

    [Fact]
    public async Task Feed_SessionsEventArrives_ItIsListed()
    {
        await StoreSignInsAsync();
        var cut = RenderPage("S1");
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=session-events] tbody tr").Count), Patience.HangGuard);

        await StoreAndPublishAsync(Event("lg-5", 1, EventSource.LoginGov, "logout-initiated", person: Alice, subject: "U1", session: "S1", ip: "198.51.100.7"));

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid=session-events] tbody tr").Count), Patience.HangGuard);
        Assert.Equal("logout-initiated", cut.FindAll("[data-testid=session-events] tbody tr")[^1].QuerySelectorAll("td")[4].ChildNodes[0].TextContent);
    }

    private IRenderedComponent<SessionPage> RenderPage(string key)
    {
        Navigation.NavigateTo("sessions/" + Uri.EscapeDataString(key));
        return Render<SessionPage>(p => p.Add(x => x.Key, key));
    }

    private static string Words(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    /// <summary>
    /// Alice fails her 1Password password, then signs in on Login.gov in session S1 after one wrong MFA code; Bob signs in
    /// on Login.gov from the same IP in his own session.
    /// </summary>
    private async Task StoreSignInsAsync() => await StoreAsync(
        Event("op-1", 50, EventSource.OnePassword, "credentials_failed", person: Alice, email: "a***@example.com", subject: "OPALICE",
            reason: new FailureReason("category", "credentials_failed", CanonicalReasons.InvalidCredentials)),
        Event("lg-1", 40, EventSource.LoginGov, "login-email-and-password-auth", Outcome.Success, person: Alice, email: "a***@example.com", subject: "U1", session: "S1", ip: "198.51.100.7"),
        Event("lg-2", 39.5, EventSource.LoginGov, "mfa-login-auth-submitted", Outcome.Failure, person: Alice, subject: "U1", session: "S1", authenticator: "totp", ip: "198.51.100.7",
            reason: new FailureReason("otp", "invalid", CanonicalReasons.MfaInvalid)),
        Event("lg-3", 39, EventSource.LoginGov, "mfa-login-auth-submitted", Outcome.Success, person: Alice, subject: "U1", session: "S1", authenticator: "totp", ip: "198.51.100.7"),
        Event("lg-4", 38.9, EventSource.LoginGov, "login-completed", person: Alice, subject: "U1", session: "S1", ip: "198.51.100.7"),
        Event("lg-b", 20, EventSource.LoginGov, "login-email-and-password-auth", Outcome.Success, person: "email:b0b", email: "b***@example.com", subject: "U2", session: "S2", ip: "198.51.100.7"));
}
