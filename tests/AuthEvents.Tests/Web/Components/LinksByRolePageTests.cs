using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Access;
using Bunit;
using FailuresPage = AuthEvents.Web.Components.Pages.Failures.FailuresPage;
using JourneysPage = AuthEvents.Web.Components.Pages.Journeys.JourneysPage;
using LivePage = AuthEvents.Web.Components.Pages.Live.LivePage;
using OverviewPage = AuthEvents.Web.Components.Pages.Overview.OverviewPage;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// Inside the pages, as in the navigation, only what the user's roles open is offered: a link to a page the role does
/// not open shows its text without the link, an action that leads there is not shown, and a chart whose points open
/// /live is only to read. With the role, the same text is a link to its view.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class LinksByRolePageTests : PageTestContext
{
    private const string SignIn = "journeys?funnel=sign-in&range=24h";
    private readonly BunitJSModuleInterop _charts;
    private IReadOnlyList<long> _ids = [];

    public LinksByRolePageTests()
    {
        _charts = JSInterop.SetupModule(Assets.Url("charts.js"));
        _charts.Setup<int>("create", _ => true).SetResult(1);
    }

    public static TheoryData<AccessRole, string[]> OverviewLinks() => new()
    {
        { AccessRole.Manager, [] },
        { AccessRole.Analyst, ["kpi-attempts", "kpi-signin", "kpi-mfa", "kpi-idv", "kpi-ratelimited"] },
        { AccessRole.Investigator, ["kpi-attempts", "kpi-signin", "kpi-mfa", "kpi-idv", "kpi-ratelimited", "kpi-people"] },
        { AccessRole.Admin, ["kpi-attempts", "kpi-signin", "kpi-mfa", "kpi-idv", "kpi-ratelimited", "kpi-people", "kpi-sources"] },
    };

    [Theory]
    [MemberData(nameof(OverviewLinks))]
    public async Task Overview_SignedInWithRole_OnlyTheFiguresItOpensAreLinks(AccessRole role, string[] linked)
    {
        await StoreSignInsAsync();
        SignInAs("Someone", role);

        var cut = Render<OverviewPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=kpi-tiles]")), Patience.HangGuard);
        Assert.Equal(linked, cut.FindAll("[data-testid=kpi-tiles] a").Select(a => a.GetAttribute("data-testid")));
        // Every figure still shows, linked or not.
        Assert.Equal(7, cut.FindAll("[data-testid=kpi-tiles] .ae-kpi .ae-tile-value").Count);
        Assert.All(cut.FindAll("[data-testid=kpi-tiles] span.ae-kpi"), tile => Assert.Null(tile.GetAttribute("href")));
        if (linked.Length > 0)
        {
            Assert.StartsWith("live?from=", cut.Find("[data-testid=kpi-attempts]").GetAttribute("href"), StringComparison.Ordinal);
        }

        if (role == AccessRole.Admin)
        {
            Assert.Equal(("people", "sources"), (cut.Find("[data-testid=kpi-people]").GetAttribute("href"), cut.Find("[data-testid=kpi-sources]").GetAttribute("href")));
        }

        // Bars and slices open their events in /live: clickable only for a role that opens it.
        cut.WaitForAssertion(() => Assert.Equal(6, _charts.Invocations["create"].Count), Patience.HangGuard);
        Assert.All(_charts.Invocations["create"], c => Assert.Equal(role >= AccessRole.Analyst, c.Arguments[4]));
        Assert.Equal(role >= AccessRole.Analyst, cut.Find("h1 + p").TextContent.Contains("Click any figure", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failures_AsManager_NodesAsTextWithoutLiveOrExport()
    {
        await StoreSignInsAsync();
        SignInAs("Max Manager", AccessRole.Manager);

        var cut = RenderAt<FailuresPage>("failures");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tree-link]")), Patience.HangGuard);
        var nodes = cut.FindAll("[data-testid=tree-link]");
        Assert.Contains("Login.gov", nodes.Select(l => l.TextContent));
        Assert.Contains("1Password", nodes.Select(l => l.TextContent));
        Assert.All(nodes, l => Assert.Equal(("SPAN", null), (l.TagName, l.GetAttribute("href"))));
        // The title names the node (a long one is cut short), not the page it would have opened.
        Assert.Equal("1Password", nodes.Single(l => l.TextContent == "1Password").GetAttribute("title"));
        Assert.Empty(cut.FindAll("[data-testid=live-link]"));
        Assert.Empty(cut.FindAll("[data-testid=export-link]"));
        cut.WaitForAssertion(() => Assert.Equal(false, Assert.Single(_charts.Invocations["create"]).Arguments[4]), Patience.HangGuard);
    }

    [Fact]
    public async Task Failures_AsAnalyst_NodesLiveAndExportAreLinks()
    {
        await StoreSignInsAsync();
        SignInAs("Ana Analyst", AccessRole.Analyst);

        var cut = RenderAt<FailuresPage>("failures");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tree-link]")), Patience.HangGuard);
        Assert.All(cut.FindAll("[data-testid=tree-link]"), l => Assert.StartsWith("live?from=", l.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Equal("live?from=2026-11-21T12%3A00%3A00Z&to=2026-11-22T12%3A00%3A01Z&source=OnePassword&outcome=failure&outcome=rate-limited",
            cut.FindAll("[data-testid=tree-link]").Single(l => l.TextContent == "1Password").GetAttribute("href"));
        Assert.StartsWith("live?", cut.Find("[data-testid=live-link]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.StartsWith("api/events?format=csv&from=", cut.Find("[data-testid=export-link]").GetAttribute("href"), StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Equal(true, Assert.Single(_charts.Invocations["create"]).Arguments[4]), Patience.HangGuard);
    }

    [Fact]
    public async Task Journeys_AsManager_StoppedCountsAreFiguresWithoutLinks()
    {
        await StoreSignInsAsync();
        SignInAs("Max Manager", AccessRole.Manager);

        var cut = RenderAt<JourneysPage>(SignIn);

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=funnel-steps]")), Patience.HangGuard);
        var stopped = cut.Find("[data-testid=dropoff-started]");
        Assert.Equal(("SPAN", "2", null, null), (stopped.TagName, stopped.TextContent, stopped.GetAttribute("href"), stopped.GetAttribute("aria-pressed")));
        Assert.Empty(cut.FindAll("[data-testid=funnel-steps] a"));
        Assert.Equal("journeys/catalog", cut.Find("a[href='journeys/catalog']").GetAttribute("href"));
    }

    [Fact]
    public async Task Journeys_AsManagerWithADropOffInTheUrl_NoListIsReadAndTheNoticeSaysWhy()
    {
        await StoreSignInsAsync();
        SignInAs("Max Manager", AccessRole.Manager);

        var cut = RenderAt<JourneysPage>(SignIn + "&dropoff=started");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=journey-list-refused]")), Patience.HangGuard);
        Assert.Equal("The drop-off list needs the Analyst role.", cut.Find("[data-testid=journey-list-refused]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=journey-list]"));
        // Nobody's label reached the page: the list was never read.
        Assert.DoesNotContain("b***@example.com", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("c***@example.com", cut.Markup, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("[data-testid=funnel-steps]"));
    }

    [Fact]
    public async Task Journeys_AsManagerWithAFastListInTheUrl_TheNoticeSaysWhy()
    {
        await StoreSignInsAsync();
        SignInAs("Max Manager", AccessRole.Manager);

        var cut = RenderAt<JourneysPage>("journeys?funnel=idv&range=24h&fast=ssn");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=journey-list-refused]")), Patience.HangGuard);
        Assert.Equal("The list of fast conversions needs the Analyst role.", cut.Find("[data-testid=journey-list-refused]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=journey-list]"));
    }

    [Fact]
    public async Task Journeys_AsAnalyst_TheListOpensWithItsPeopleAsText()
    {
        await StoreSignInsAsync();
        SignInAs("Ana Analyst", AccessRole.Analyst);

        var cut = RenderAt<JourneysPage>(SignIn + "&dropoff=started");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=journey-list]")), Patience.HangGuard);
        Assert.Empty(cut.FindAll("[data-testid=journey-list-refused]"));
        var stopped = cut.Find("[data-testid=dropoff-started]");
        Assert.Equal(("A", SignIn, "true"), (stopped.TagName, stopped.GetAttribute("href"), stopped.GetAttribute("aria-pressed")));
        // The people are the Investigator's: their labels show, without links.
        Assert.Empty(cut.FindAll("[data-testid=journey-people] tbody a"));
        Assert.Equal(["b***@example.com", "c***@example.com"],
            cut.FindAll("[data-testid=journey-people] tbody td:first-child span[title]").Select(s => s.TextContent).Order(StringComparer.Ordinal));
        Assert.Equal(SignIn, cut.Find("[data-testid=journey-list] .ae-section-header a").GetAttribute("href"));
    }

    [Fact]
    public async Task Journeys_AsInvestigator_ThePeopleInTheListAreLinks()
    {
        await StoreSignInsAsync();
        SignInAs("Ivy Investigator", AccessRole.Investigator);

        var cut = RenderAt<JourneysPage>(SignIn + "&dropoff=started");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=journey-list]")), Patience.HangGuard);
        Assert.Equal(["people/email%3Ab0b", "people/email%3Aca7"],
            cut.FindAll("[data-testid=journey-people] tbody a").Select(a => a.GetAttribute("href")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Live_AsAnalyst_PersonAndSessionShowWithoutLinks()
    {
        await StoreSignInsAsync();
        SignInAs("Ana Analyst", AccessRole.Analyst);

        var cut = RenderAt<LivePage>($"live?range=24h&event={_ids[^1]}");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=event-detail]")), Patience.HangGuard);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll($"tr[data-event-id='{_ids[^1]}']")), Patience.HangGuard);
        var row = cut.Find($"tr[data-event-id='{_ids[^1]}']");
        Assert.Empty(cut.FindAll("[data-testid=event-grid] tbody a"));
        Assert.Contains("c***@example.com", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("S3", row.TextContent, StringComparison.Ordinal);
        var person = cut.Find("[data-testid=detail-person]");
        var session = cut.Find("[data-testid=detail-session]");
        Assert.Equal(("SPAN", "c***@example.com", "SPAN", "S3"), (person.TagName, person.TextContent, session.TagName, session.TextContent));
        Assert.Empty(cut.FindAll("[data-testid=event-detail] a"));
    }

    [Fact]
    public async Task Live_AsInvestigator_PersonAndSessionAreLinks()
    {
        await StoreSignInsAsync();
        SignInAs("Ivy Investigator", AccessRole.Investigator);

        var cut = RenderAt<LivePage>($"live?range=24h&event={_ids[^1]}");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=event-detail]")), Patience.HangGuard);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll($"tr[data-event-id='{_ids[^1]}'] a")), Patience.HangGuard);
        Assert.Equal(["people/email%3Aca7", "sessions/S3"], cut.FindAll($"tr[data-event-id='{_ids[^1]}'] a").Select(a => a.GetAttribute("href")));
        Assert.Equal(("people/email%3Aca7", "sessions/S3"),
            (cut.Find("[data-testid=detail-person]").GetAttribute("href"), cut.Find("[data-testid=detail-session]").GetAttribute("href")));
    }

    private IRenderedComponent<TPage> RenderAt<TPage>(string url)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        Navigation.NavigateTo(url);
        return Render<TPage>();
    }

    /// <summary>
    /// Hours ago, long past the sign-in's half-hour window: Alice signs in on Login.gov; Bob fails his 1Password password;
    /// Carol fails hers on Login.gov (the last, in session S3).
    /// </summary>
    private async Task StoreSignInsAsync() => _ids = await StoreAsync(
        Event("lg-1", 180, EventSource.LoginGov, "login-email-and-password-auth", Outcome.Success, person: "email:a11ce", email: "a***@example.com", subject: "U1", session: "S1"),
        Event("lg-2", 179.5, EventSource.LoginGov, "mfa-login-auth-submitted", Outcome.Success, person: "email:a11ce", subject: "U1", session: "S1", authenticator: "totp"),
        Event("lg-3", 179.4, EventSource.LoginGov, "login-completed", person: "email:a11ce", subject: "U1", session: "S1"),
        Event("op-1", 120, EventSource.OnePassword, "credentials_failed", person: "email:b0b", email: "b***@example.com", subject: "OPBOB",
            reason: new FailureReason("category", "credentials_failed", CanonicalReasons.InvalidCredentials)),
        Event("lg-c", 100, EventSource.LoginGov, "login-email-and-password-auth", Outcome.Failure, person: "email:ca7", email: "c***@example.com", subject: "U3", session: "S3",
            reason: new FailureReason("password", "invalid", CanonicalReasons.InvalidCredentials)));
}
