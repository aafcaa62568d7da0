using Microsoft.Extensions.DependencyInjection;
using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;
using Bunit;
using PersonPage = AuthEvents.Web.Components.Pages.Person.PersonPage;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// A person's page (/people/{key}) over a store holding their sign-ins on two providers: their counts, identities,
/// milestones, funnel progress and events by session; the failures-only choice written to the URL and applied; a
/// provider identity opening its person's page; an unknown key saying so. Times are left to the zone tests: these read
/// content, counts and links.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class PersonPageTests : PageTestContext
{
    private const string Alice = "email:a11ce";
    private const string AliceUrl = "people/email%3Aa11ce";

    [Fact]
    public async Task Render_StoredPerson_CountsIdentitiesMilestonesAndEventsBySession()
    {
        await StoreSignInsAsync();

        var cut = RenderPage(AliceUrl, Alice);

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=person-timeline]")), Patience.HangGuard);
        Assert.Equal("a***@example.com", cut.Find("h1").TextContent);
        Assert.Equal(
            [("Events", "5"), ("Failures shown", "2"), ("Sessions", "1"), ("Providers", "2 of 4"), ("Provider identities", "2")],
            cut.FindAll(".ae-tiles .ae-tile").Select(t => (t.QuerySelector(".ae-tile-label")!.TextContent, t.QuerySelector(".ae-tile-value")!.TextContent)));
        // Joined by e-mail: the Login.gov and 1Password subjects seen with it.
        var identities = cut.FindAll("[data-testid=identity-links] tbody tr").Select(r => r.QuerySelector(".ae-tag")!.TextContent).ToList();
        Assert.Contains("Login.gov", identities);
        Assert.Contains("1Password", identities);
        // Milestones reached: by a success (or info) only, so neither failure counts.
        Assert.Equal(["login.password × 1", "mfa.verify × 1", "login.complete × 1"], cut.FindAll(".ae-milestones .ae-chip").Select(c => Words(c.TextContent)));
        var signIn = cut.FindAll("[data-testid=person-funnels] tbody tr").Single(r => r.QuerySelector("th a")!.TextContent == "Sign-in");
        Assert.Equal("journeys?funnel=sign-in", signIn.QuerySelector("th a")!.GetAttribute("href"));
        Assert.StartsWith("Completed · reached Signed in", Words(signIn.QuerySelector("td")!.TextContent), StringComparison.Ordinal);

        // The Login.gov session first (the newest), then 1Password's sign-in, which has no session.
        var groups = cut.FindAll("[data-testid=person-timeline] section").ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal("sessions/S1", groups[0].QuerySelector("[data-testid=session-link]")!.GetAttribute("href"));
        Assert.Equal(
            ["login-email-and-password-auth", "mfa-login-auth-submitted", "mfa-login-auth-submitted", "login-completed"],
            groups[0].QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td")[2].ChildNodes[0].TextContent));
        Assert.Contains("4 events · 1 failed", groups[0].QuerySelector("header")!.TextContent, StringComparison.Ordinal);
        Assert.Null(groups[1].QuerySelector("[data-testid=session-link]"));
        Assert.Equal(["credentials_failed"], groups[1].QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td")[2].ChildNodes[0].TextContent));
        Assert.Equal(AliceUrl, Navigation.ToBaseRelativePath(Navigation.Uri));
    }

    [Fact]
    public async Task FailuresOnly_Chosen_WritesTheUrlAndShowsOnlyFailures()
    {
        await StoreSignInsAsync();
        var cut = RenderPage(AliceUrl, Alice);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=person-timeline]")), Patience.HangGuard);

        await cut.FindAll("[data-testid=person-failures] .mud-toggle-item").Single(t => t.TextContent.Trim() == "Failures only").ClickAsync(new());

        Assert.Equal(AliceUrl + "?failures=true", Navigation.ToBaseRelativePath(Navigation.Uri));
        cut.WaitForAssertion(() => Assert.Equal(2, TimelineRows(cut).Count), Patience.HangGuard);
        Assert.Equal(["mfa-login-auth-submitted", "credentials_failed"], TimelineRows(cut).Select(r => r.QuerySelectorAll("td")[2].ChildNodes[0].TextContent));
        Assert.Equal(["Failures only"], cut.FindAll("[data-testid=person-failures] .ae-toggle-selected").Select(t => t.TextContent.Trim()));
    }

    [Fact]
    public async Task Render_FailuresOnlyInTheUrl_ChoiceShownAndApplied()
    {
        await StoreSignInsAsync();

        var cut = RenderPage(AliceUrl + "?failures=true", Alice);

        cut.WaitForAssertion(() => Assert.Equal(2, TimelineRows(cut).Count), Patience.HangGuard);
        Assert.Equal(["Failures only"], cut.FindAll("[data-testid=person-failures] .ae-toggle-selected").Select(t => t.TextContent.Trim()));
        Assert.Equal(["All time"], cut.FindAll("[data-testid=person-range] .ae-toggle-selected").Select(t => t.TextContent.Trim()));
    }

    [Fact]
    public async Task Render_ProviderSubjectOfAPerson_UrlBecomesThePersons()
    {
        await StoreSignInsAsync();

        var cut = RenderPage("people/logingov%3AU1", "logingov:U1");

        // The subject is resolved by a query: the address bar changes once it has answered.
        cut.WaitForAssertion(() => Assert.Equal(AliceUrl, Navigation.ToBaseRelativePath(Navigation.Uri)), Patience.HangGuard);
    }

    [Fact]
    public async Task Render_UnknownKey_SaysNoEvents()
    {
        await StoreSignInsAsync();

        var cut = RenderPage("people/email%3Aunknown", "email:unknown");

        cut.WaitForAssertion(() => Assert.Contains("No events for this person.", cut.Markup, StringComparison.Ordinal), Patience.HangGuard);
        Assert.Empty(cut.FindAll("[data-testid=person-timeline]"));
        Assert.Equal("Person", cut.Find("h1").TextContent);
    }

    [Fact]
    public async Task Feed_PersonsEventArrives_PageCountsIt()
    {
        await StoreSignInsAsync();
        var cut = RenderPage(AliceUrl, Alice);
        cut.WaitForAssertion(() => Assert.Equal(5, TimelineRows(cut).Count), Patience.HangGuard);

        await StoreAndPublishAsync(Event("lg-9", 1, EventSource.LoginGov, "login-email-and-password-auth", Outcome.Failure, person: Alice, subject: "U1", session: "S2",
            reason: new FailureReason("password", "invalid", CanonicalReasons.InvalidCredentials)));

        cut.WaitForAssertion(() => Assert.Equal(6, TimelineRows(cut).Count), Patience.HangGuard);
        Assert.Equal("3", cut.FindAll(".ae-tiles .ae-tile").Single(t => t.TextContent.Contains("Failures shown", StringComparison.Ordinal)).QuerySelector(".ae-tile-value")!.TextContent);
    }

    [Fact]
    public async Task Flags_TripFasterThanTheSettingsAllow_IsFlagged()
    {
        await StoreTripAsync();

        var cut = RenderPage(AliceUrl, Alice);

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-flag=travel]")), Patience.HangGuard);
    }

    [Fact]
    public async Task Flags_TripTheImpossibleTravelSettingsAllow_IsNotFlagged()
    {
        // Alerts:Rules:impossible-travel:MinDistanceKm above the distance: the page judges the trip as the rule does.
        Services.AddSingleton(new AuthEvents.Core.Journeys.PersonFlagOptions { MinDistanceKm = 20_000 });
        await StoreTripAsync();

        var cut = RenderPage(AliceUrl, Alice);

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=person-flags]")), Patience.HangGuard);
        Assert.Empty(cut.FindAll("[data-flag=travel]"));
    }

    /// <summary>New York, then Bucharest half an hour later: impossible at the defaults (1,000 km/h, trips of 500 km or more).</summary>
    private async Task StoreTripAsync() => await StoreAsync(
        Event("op-us", 60, EventSource.OnePassword, "success", person: Alice, email: "a***@example.com", subject: "OPALICE", country: "US"),
        Event("fa-ro", 30, EventSource.FusionAuth, "user.login.failed", person: Alice, subject: "FAALICE", country: "RO",
            reason: new FailureReason("reason", "credentials", CanonicalReasons.InvalidCredentials)));

    private IRenderedComponent<PersonPage> RenderPage(string url, string id)
    {
        Navigation.NavigateTo(url);
        return Render<PersonPage>(p => p.Add(x => x.Id, id));
    }

    private static List<AngleSharp.Dom.IElement> TimelineRows(IRenderedComponent<PersonPage> cut) => cut.FindAll("[data-testid=person-timeline] tbody tr").ToList();

    private static string Words(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    /// <summary>
    /// Alice fails her 1Password password, then signs in on Login.gov in one session after one wrong MFA code; Bob's
    /// 1Password sign-in is someone else's.
    /// </summary>
    private async Task StoreSignInsAsync() => await StoreAsync(
        Event("op-1", 50, EventSource.OnePassword, "credentials_failed", person: Alice, email: "a***@example.com", subject: "OPALICE",
            reason: new FailureReason("category", "credentials_failed", CanonicalReasons.InvalidCredentials)),
        Event("lg-1", 40, EventSource.LoginGov, "login-email-and-password-auth", Outcome.Success, person: Alice, email: "a***@example.com", subject: "U1", session: "S1", ip: "198.51.100.7"),
        Event("lg-2", 39.5, EventSource.LoginGov, "mfa-login-auth-submitted", Outcome.Failure, person: Alice, subject: "U1", session: "S1", authenticator: "totp",
            reason: new FailureReason("otp", "invalid", CanonicalReasons.MfaInvalid)),
        Event("lg-3", 39, EventSource.LoginGov, "mfa-login-auth-submitted", Outcome.Success, person: Alice, subject: "U1", session: "S1", authenticator: "totp"),
        Event("lg-4", 38.9, EventSource.LoginGov, "login-completed", person: Alice, subject: "U1", session: "S1"),
        Event("op-b", 30, EventSource.OnePassword, "success", person: "email:b0b", email: "b***@example.com", subject: "OPBOB"));
}
