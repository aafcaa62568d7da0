using System.Globalization;
using AuthEvents.Core.Events;
using AuthEvents.Ingest.Feed;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Components.Pages.Live;
using AuthEvents.Web.Navigation;
using Microsoft.Extensions.DependencyInjection;
using Bunit;
using LivePage = AuthEvents.Web.Components.Pages.Live.LivePage;
using OverviewPage = AuthEvents.Web.Components.Pages.Overview.OverviewPage;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// Many viewers of one view: pages that show the same filter read the store once per feed tick between them (counted as
/// the contexts the query services open), pages with another filter read for it on their own, and what the pages show
/// after a shared tick is what a page reading alone shows.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class SharedViewersPageTests : PageTestContext
{
    private readonly BunitJSModuleInterop _charts;

    public SharedViewersPageTests()
    {
        _charts = JSInterop.SetupModule(Assets.Url("charts.js"));
        _charts.Setup<int>("create", _ => true).SetResult(1);
    }

    [Fact]
    public async Task Feed_ThreeLivePagesOneFilter_OneReadOfEachKindForTheTick()
    {
        await StoreEventsAsync();
        var pages = Enumerable.Range(0, 3).Select(_ => RenderLive("live")).ToList();
        pages.ForEach(p => p.WaitForAssertion(() => Assert.Equal(3, RowIds(p).Count), Patience.HangGuard));
        var before = Contexts.Opened;

        var added = await StoreAndPublishAsync(Event("fa-1", 1, EventSource.FusionAuth, "user.login.failed", Outcome.Failure, person: "email:d0d"));

        pages.ForEach(p => p.WaitForAssertion(() => Assert.Equal(added[0], RowIds(p)[0]), Patience.HangGuard));
        // The tick's snapshot, the events stored up to it and the rate chart: one read each for the three pages (alone, six).
        Assert.Equal(3, Contexts.Opened - before);
    }

    [Fact]
    public async Task Feed_AnotherFilter_ReadsForItOnItsOwn()
    {
        // The pages of one test share bUnit's address bar, so the views with other filters are LiveData's, as the page holds it.
        await StoreEventsAsync();
        var all = new LiveFilter();
        var failures = new LiveFilter { Outcomes = [Outcome.Failure] };
        var views = new[] { (View(), all), (View(), all), (View(), failures) };
        foreach (var (data, filter) in views)
        {
            await data.ReadAsync(filter, force: true, tick: null, CancellationToken.None);
        }

        await StoreAsync(Event("fa-1", 1, EventSource.FusionAuth, "user.login.failed", Outcome.Failure, person: "email:d0d"));
        var tick = new FeedTick(1, TimeSpan.FromMilliseconds(500), Time.GetUtcNow(), new FeedUpdate(1, 0, new Dictionary<EventSource, int>(), null));
        var before = Contexts.Opened;

        var updates = await Task.WhenAll(views.Select(v => v.Item1.AddNewerAsync(v.Item2, tick, CancellationToken.None)));

        Assert.All(updates, u => Assert.Equal(LiveUpdate.Changed, u));
        Assert.Equal([4, 4, 3], views.Select(v => v.Item1.Window.Total));
        // The snapshot once; the new events and the rate once per filter (alone, six).
        Assert.Equal(5, Contexts.Opened - before);
    }

    [Fact]
    public async Task Feed_SharedTick_PagesShowWhatAPageReadingAloneShows()
    {
        await StoreEventsAsync();
        var pages = new[] { RenderLive("live?outcome=failure"), RenderLive("live?outcome=failure") };
        pages[0].WaitForAssertion(() => Assert.Equal(2, RowIds(pages[0]).Count), Patience.HangGuard);
        pages[1].WaitForAssertion(() => Assert.Equal(2, RowIds(pages[1]).Count), Patience.HangGuard);

        await StoreAndPublishAsync(
            Event("fa-1", 1, EventSource.FusionAuth, "user.login.failed", Outcome.Failure, person: "email:d0d"),
            Event("fa-2", 0.5, EventSource.FusionAuth, "user.login.success", Outcome.Success, person: "email:d0d"));
        pages[0].WaitForAssertion(() => Assert.Equal(3, RowIds(pages[0]).Count), Patience.HangGuard);
        pages[1].WaitForAssertion(() => Assert.Equal(3, RowIds(pages[1]).Count), Patience.HangGuard);
        var alone = RenderLive("live?outcome=failure");

        alone.WaitForAssertion(() => Assert.Equal(3, RowIds(alone).Count), Patience.HangGuard);
        Assert.All(pages, p => Assert.Equal(RowIds(alone), RowIds(p)));
        Assert.All(pages, p => Assert.Equal(CountText(alone), CountText(p)));
    }

    [Fact]
    public async Task Feed_TwoOverviews_ReadNoMoreForTheTickThanOneDoes()
    {
        await StoreAsync(
            Event("lg-1", 40, EventSource.LoginGov, "login-email-and-password-auth", Outcome.Success, person: "email:a11ce", country: "US"),
            Event("op-1", 20, EventSource.OnePassword, "credentials_failed", person: "email:b0b", country: "DE",
                reason: new FailureReason("type", "password_secret_bad", CanonicalReasons.InvalidCredentials)));
        var first = Render<OverviewPage>();
        first.WaitForAssertion(() => Assert.Equal("2", Tile(first, "kpi-attempts")), Patience.HangGuard);
        var before = Contexts.Opened;
        await StoreAndPublishAsync(Event("en-1", 5, EventSource.Entrust, "authentication.succeeded", person: "email:ca7"));
        first.WaitForAssertion(() => Assert.Equal("3", Tile(first, "kpi-attempts")), Patience.HangGuard);
        var alone = Contexts.Opened - before;
        var second = Render<OverviewPage>();
        second.WaitForAssertion(() => Assert.Equal("3", Tile(second, "kpi-attempts")), Patience.HangGuard);
        before = Contexts.Opened;

        await StoreAndPublishAsync(Event("en-2", 4, EventSource.Entrust, "authentication.succeeded", person: "email:ca8"));
        Time.Advance(TimeSpan.FromSeconds(10));

        first.WaitForAssertion(() => Assert.Equal("4", Tile(first, "kpi-attempts")), Patience.HangGuard);
        second.WaitForAssertion(() => Assert.Equal("4", Tile(second, "kpi-attempts")), Patience.HangGuard);
        Assert.Equal(alone, Contexts.Opened - before);
    }

    private LiveData View() => new(
        Services.GetRequiredService<EventQueries>(), Services.GetRequiredService<LiveQueries>(), Time, new ViewerClock(), Services.GetRequiredService<SharedReads>());

    private IRenderedComponent<LivePage> RenderLive(string url)
    {
        Navigation.NavigateTo(url);
        return Render<LivePage>();
    }

    private static List<long> RowIds(IRenderedComponent<LivePage> cut) =>
        cut.FindAll("tr[data-event-id]").Select(r => long.Parse(r.GetAttribute("data-event-id")!, CultureInfo.InvariantCulture)).ToList();

    private static string CountText(IRenderedComponent<LivePage> cut) => cut.Find("[data-testid=live-count]").TextContent.Split(" · updated")[0];

    private static string Tile(IRenderedComponent<OverviewPage> cut, string testId) => cut.Find($"[data-testid={testId}] .ae-tile-value").TextContent;

    private async Task StoreEventsAsync() => await StoreAsync(
        Event("lg-1", 30, EventSource.LoginGov, "login-email-and-password-auth", Outcome.Success, person: "email:a11ce"),
        Event("lg-2", 29, EventSource.LoginGov, "mfa-login-auth-submitted", Outcome.Failure, person: "email:a11ce", authenticator: "totp",
            reason: new FailureReason("otp", "invalid", CanonicalReasons.MfaInvalid)),
        Event("op-1", 20, EventSource.OnePassword, "credentials_failed", person: "email:b0b",
            reason: new FailureReason("type", "password_secret_bad", CanonicalReasons.InvalidCredentials)));
}
