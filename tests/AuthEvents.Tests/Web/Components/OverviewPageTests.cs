using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Components.Charts;
using Bunit;
using MudBlazor;
using OverviewPage = AuthEvents.Web.Components.Pages.Overview.OverviewPage;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// The overview (/) over a store holding a few sign-ins: its KPI tiles count them, its charts get their series, the URL's
/// range and source are restored into the pickers and a picked source is written to the URL; an empty store shows
/// zeros and empty charts, and the page says it is loading until the store answers.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class OverviewPageTests : PageTestContext
{
    private readonly BunitJSModuleInterop _charts;

    public OverviewPageTests()
    {
        _charts = JSInterop.SetupModule(Assets.Url("charts.js"));
        _charts.Setup<int>("create", _ => true).SetResult(1);
    }

    [Fact]
    public async Task Render_StoredSignIns_TilesCountThemAndTheChartsGetTheirSeries()
    {
        await StoreSignInsAsync();

        var cut = Render<OverviewPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=kpi-tiles]")), Patience.HangGuard);
        // Success and failure events are attempts (info events are not); two people; two of the four providers.
        Assert.Equal("4", Tile(cut, "kpi-attempts"));
        Assert.Equal("2", Tile(cut, "kpi-people"));
        Assert.Equal("2", Tile(cut, "kpi-sources"));
        Assert.Equal("100.0 %", Tile(cut, "kpi-mfa"));
        Assert.Equal("new in this range", cut.Find("[data-testid=kpi-attempts] .ae-kpi-change").TextContent);
        Assert.Equal("live?from=2026-11-21T12%3A00%3A00Z&to=2026-11-22T12%3A00%3A01Z&outcome=success&outcome=failure&outcome=rate-limited",
            cut.Find("[data-testid=kpi-attempts]").GetAttribute("href"));

        // Every chart is created in charts.js with the series the page built from the store.
        cut.WaitForAssertion(() => Assert.Equal(6, _charts.Invocations["create"].Count), Patience.HangGuard);
        var sources = Spec("donut");
        Assert.Equal(["Login.gov", "1Password"], sources.Categories);
        Assert.Equal([4, 1], Assert.Single(sources.Series).Data);
        var reasons = Specs().Single(s => s.EmptyText == "No failures in this range");
        Assert.Equal([CanonicalReasons.InvalidCredentials, CanonicalReasons.MfaInvalid], reasons.Categories);
        Assert.Equal([1, 1], Assert.Single(reasons.Series).Data);
        var attempts = Specs().Single(s => s.Axis == ChartAxis.Time);
        Assert.Equal(["Success", "Failure", "Rate limited", "Info"], attempts.Series.Select(s => s.Name));
        Assert.Equal([2.0, 2.0, 0.0, 1.0], attempts.Series.Select(s => s.Data.Sum() ?? 0));
        Assert.Equal("2", cut.Find("[data-testid=sources-chart]").GetAttribute("data-points"));
    }

    [Fact]
    public async Task Render_StoreFails_PageSaysSoWithoutTheErrorAndRetryShowsTheFigures()
    {
        await StoreSignInsAsync();
        Contexts.Failure = new InvalidOperationException("SQLite Error 10: disk I/O error at /secret/path");

        var cut = Render<OverviewPage>();

        cut.WaitForAssertion(() => Assert.Contains("could not be read", cut.Find("[data-testid=load-error]").TextContent, StringComparison.Ordinal), Patience.HangGuard);
        Assert.Equal("alert", cut.Find("[data-testid=load-error]").GetAttribute("role"));
        Assert.DoesNotContain("/secret/path", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=kpi-attempts]"));

        Contexts.Failure = null;
        await cut.Find("[data-testid=load-retry]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("4", Tile(cut, "kpi-attempts")), Patience.HangGuard);
        Assert.Empty(cut.FindAll("[data-testid=load-error]"));
    }

    [Fact]
    public async Task Render_RangeAndSourceInTheUrl_PickersShowThemAndOnlyThatSourceIsCounted()
    {
        await StoreSignInsAsync();
        Navigation.NavigateTo("?range=1h&source=OnePassword");

        var cut = Render<OverviewPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=kpi-tiles]")), Patience.HangGuard);
        Assert.Equal("Last hour", cut.Find("input[data-testid=range-preset]").GetAttribute("value"));
        Assert.Equal("1Password", cut.Find("input[data-testid=range-source]").GetAttribute("value"));
        Assert.Equal("1", Tile(cut, "kpi-attempts"));
        Assert.Equal("1", Tile(cut, "kpi-people"));
        Assert.Equal("1", Tile(cut, "kpi-sources"));
        Assert.Equal("?range=1h&source=OnePassword", Navigation.ToBaseRelativePath(Navigation.Uri));
    }

    [Fact]
    public async Task ChooseSource_OnePassword_WritesItToTheUrlAndCountsOnlyIt()
    {
        await StoreSignInsAsync();
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<OverviewPage>();
        cut.WaitForAssertion(() => Assert.Equal("4", Tile(cut, "kpi-attempts")), Patience.HangGuard);

        await cut.Find("input[data-testid=range-source]").MouseDownAsync(new());
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll(".mud-popover-open [role=option]")), Patience.HangGuard);
        await popovers.FindAll(".mud-popover-open [role=option]").Single(o => o.TextContent.Trim() == "1Password").ClickAsync(new());

        Assert.Equal("?source=OnePassword", Navigation.ToBaseRelativePath(Navigation.Uri));
        cut.WaitForAssertion(() => Assert.Equal("1", Tile(cut, "kpi-attempts")), Patience.HangGuard);
        Assert.Equal("1", Tile(cut, "kpi-people"));
        Assert.Equal("1Password", cut.Find("input[data-testid=range-source]").GetAttribute("value"));
    }

    [Fact]
    public async Task Feed_EventsArrive_TilesCountThem()
    {
        await StoreSignInsAsync();
        var cut = Render<OverviewPage>();
        cut.WaitForAssertion(() => Assert.Equal("4", Tile(cut, "kpi-attempts")), Patience.HangGuard);

        await StoreAndPublishAsync(Event("en-1", 5, EventSource.Entrust, "authentication.succeeded", person: "email:ca7"));

        cut.WaitForAssertion(() => Assert.Equal("5", Tile(cut, "kpi-attempts")), Patience.HangGuard);
        Assert.Equal("3", Tile(cut, "kpi-people"));
        Assert.Equal("3", Tile(cut, "kpi-sources"));
    }

    [Fact]
    public async Task Render_EmptyStore_ZerosAndEmptyCharts()
    {
        await MigrateAsync();

        var cut = Render<OverviewPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=kpi-tiles]")), Patience.HangGuard);
        Assert.Equal(["0", "–", "–", "–", "0", "0", "0"], cut.FindAll("[data-testid=kpi-tiles] .ae-tile-value").Select(v => v.TextContent));
        Assert.Equal("no previous figure", cut.Find("[data-testid=kpi-signin] .ae-kpi-change").TextContent);
        Assert.All(cut.FindAll("figure.ae-chart"), f => Assert.Equal("0", f.GetAttribute("data-points")));
        cut.WaitForAssertion(() => Assert.Equal(6, _charts.Invocations["create"].Count), Patience.HangGuard);
        var sources = Spec("donut");
        Assert.Empty(sources.Categories);
        Assert.Equal("No events in this range", sources.EmptyText);
    }

    [Fact]
    public async Task Render_StoreNotAnsweredYet_SaysItIsLoadingUntilItAnswers()
    {
        await StoreSignInsAsync();
        Contexts.Hold();

        var cut = Render<OverviewPage>();

        Assert.Equal("Loading the figures…", cut.Find("[data-testid=overview-loading]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=kpi-tiles]"));
        Contexts.Release();
        cut.WaitForAssertion(() => Assert.Equal("4", Tile(cut, "kpi-attempts")), Patience.HangGuard);
        Assert.Empty(cut.FindAll("[data-testid=overview-loading]"));
    }

    [Fact]
    public async Task Render_RangeFrom1970_SaysWhatItShowsAndRewritesTheUrlToIt()
    {
        await StoreSignInsAsync();
        Navigation.NavigateTo("?from=1970-01-01T00:00:00Z&to=2026-01-01T00:00:00Z");

        var cut = Render<OverviewPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=kpi-tiles]")), Patience.HangGuard);
        Assert.Equal("?from=2024-11-27T00:00:00Z&to=2026-01-01T00:00:00Z", Uri.UnescapeDataString(Navigation.ToBaseRelativePath(Navigation.Uri)));
        Assert.True(Navigation.History.First().Options.ReplaceHistoryEntry);
        // Still said after the canonical URL replaced the link: it reads back as the same view.
        Assert.EndsWith("Showing 2024-11-27 00:00 – 2026-01-01 00:00 UTC instead.", cut.Find("[data-testid=url-notice]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=load-error]"));
    }

    [Fact]
    public async Task Navigate_FromAClampedLinkToAnotherRange_TheNoticeGoes()
    {
        await StoreSignInsAsync();
        Navigation.NavigateTo("?from=1970-01-01T00:00:00Z&to=2026-01-01T00:00:00Z");
        var cut = Render<OverviewPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=url-notice]")), Patience.HangGuard);

        Navigation.NavigateTo("?range=1h");

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=url-notice]")), Patience.HangGuard);
    }

    private static string Tile(IRenderedComponent<OverviewPage> cut, string testId) => cut.Find($"[data-testid={testId}] .ae-tile-value").TextContent;

    private List<ChartSpec> Specs() => _charts.Invocations["create"].Select(i => Assert.IsType<ChartSpec>(i.Arguments[1])).ToList();

    private ChartSpec Spec(string type) => Specs().Single(s => s.Type == type);

    /// <summary>
    /// In the last hour: one person signs in on Login.gov after a wrong MFA code (the password's submission is an info
    /// event, its check a success), another fails their 1Password password.
    /// </summary>
    private async Task StoreSignInsAsync() => await StoreAsync(
        Event("lg-0", 41, EventSource.LoginGov, "login-email-and-password-auth", person: "email:a11ce", email: "a***@example.com", country: "US"),
        Event("lg-1", 40, EventSource.LoginGov, "login-email-and-password-auth", Outcome.Success, person: "email:a11ce", email: "a***@example.com", country: "US"),
        Event("lg-2", 39, EventSource.LoginGov, "mfa-login-auth-submitted", Outcome.Failure, person: "email:a11ce", authenticator: "totp",
            reason: new FailureReason("otp", "invalid", CanonicalReasons.MfaInvalid), country: "US"),
        Event("lg-3", 38, EventSource.LoginGov, "login-completed", person: "email:a11ce", country: "US"),
        Event("op-1", 20, EventSource.OnePassword, "credentials_failed", person: "email:b0b", email: "b***@example.com", country: "DE",
            reason: new FailureReason("type", "password_secret_bad", CanonicalReasons.InvalidCredentials)));
}
