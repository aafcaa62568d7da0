using AuthEvents.Core.Events;
using AuthEvents.Ingest.Feed;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Navigation;
using Bunit;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// The page base every URL-driven page stands on: the query arrives through SupplyParameterFromQuery, the canonical URL
/// is written back without a history entry, a changed URL loads once, a newer load cancels the older, and the feed
/// loads again only when the page says arrivals matter.
/// </summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class DashboardPageTests : ComponentTestContext
{
    private readonly EventFeed _feed;

    public DashboardPageTests()
    {
        _feed = new EventFeed(Time, NullLogger<EventFeed>.Instance);
        AddFeed(_feed);
    }

    [Fact]
    public void Render_QueryWithRepeatedAndUnknownKeys_PageReadsItsKeysAndTheAddressBarShowsTheCanonicalUrl()
    {
        Navigation.NavigateTo("probe?source=b&junk=1&range=1h&source=a");

        var cut = Render<ProbePage>();

        var load = Assert.Single(cut.Instance.Loads);
        Assert.Equal(new ProbeUrl("1h", "b,a"), load.Url);
        Assert.Equal("probe?range=1h&source=b&source=a", Navigation.ToBaseRelativePath(Navigation.Uri));
        // Rewriting the address bar replaced the entry and read nothing again: the canonical URL is the same view.
        Assert.Single(cut.Instance.Loads);
        Assert.True(Navigation.History.First().Options.ReplaceHistoryEntry);
    }

    [Fact]
    public void Navigate_WhileALoadRuns_TheNewerLoadCancelsTheOlderAndShowsItsOwnUrl()
    {
        Navigation.NavigateTo("probe?range=1h");
        var cut = Render<ProbePage>(p => p.Add(x => x.Hold, true));
        var first = Assert.Single(cut.Instance.Loads);

        Navigation.NavigateTo("probe?range=24h");

        cut.WaitForAssertion(() => Assert.Equal(2, cut.Instance.Loads.Count), Patience.HangGuard);
        Assert.True(first.Token.IsCancellationRequested);
        var second = cut.Instance.Loads[1];
        Assert.Equal(new ProbeUrl("24h", ""), second.Url);
        Assert.False(second.Token.IsCancellationRequested);
        second.Done.SetResult();
        cut.WaitForAssertion(() => Assert.Equal("24h", cut.Find("output").TextContent), Patience.HangGuard);
    }

    [Fact]
    public void Navigate_OnlyAKeyThePageIgnores_NoNewLoad()
    {
        Navigation.NavigateTo("probe?range=1h");
        var cut = Render<ProbePage>();

        Navigation.NavigateTo("probe?range=1h&event=5");

        // The page's URL state is unchanged (it does not read "event"), and the address bar goes back to its canonical URL.
        cut.WaitForAssertion(() => Assert.Equal("probe?range=1h", Navigation.ToBaseRelativePath(Navigation.Uri)), Patience.HangGuard);
        Assert.Single(cut.Instance.Loads);
    }

    [Fact]
    public void Navigate_ToAnotherKeyBeforeTheRouterSetsIt_AddressBarKeepsTheNewKey()
    {
        Navigation.NavigateTo("probe/a?range=1h");
        var cut = Render<ProbePage>(p => p.Add(x => x.Key, "a"));

        // The query arrives first (here, with no router, the route value never does): the page must not put "a" back.
        Navigation.NavigateTo("probe/b?range=24h");

        cut.WaitForAssertion(() => Assert.Equal(new ProbeUrl("24h", "", "a"), cut.Instance.Loads[^1].Url), Patience.HangGuard);
        Assert.Equal("probe/b?range=24h", Navigation.ToBaseRelativePath(Navigation.Uri));
    }

    [Fact]
    public void Go_AnotherView_NewHistoryEntryAndOneLoadForIt()
    {
        Navigation.NavigateTo("probe?range=1h");
        var cut = Render<ProbePage>();

        cut.InvokeAsync(() => cut.Instance.Show(new ProbeUrl("7d", "c")));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.Instance.Loads.Count), Patience.HangGuard);
        Assert.Equal(new ProbeUrl("7d", "c"), cut.Instance.Loads[1].Url);
        Assert.Equal("probe?range=7d&source=c", Navigation.ToBaseRelativePath(Navigation.Uri));
        Assert.False(Navigation.History.First().Options.ReplaceHistoryEntry);
    }

    [Fact]
    public void Feed_EventsArrive_LoadsAgainOnlyWhileThePageFollowsTheFeed()
    {
        Navigation.NavigateTo("probe?range=1h");
        var cut = Render<ProbePage>();

        _feed.Publish([Event()], 0);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.Instance.Loads.Count), Patience.HangGuard);

        cut.Instance.Following = false;
        Time.Advance(ProbePage.Throttle);
        _feed.Publish([Event()], 0);
        Time.Advance(ProbePage.Throttle);

        // The feed's callback ran (the page was asked), and did not load.
        cut.WaitForAssertion(() => Assert.Equal(2, cut.Instance.FeedCalls), Patience.HangGuard);
        Assert.Equal(2, cut.Instance.Loads.Count);
    }

    [Fact]
    public void Load_Throws_ErrorShownAndTheNextGoodLoadClearsIt()
    {
        Navigation.NavigateTo("probe?range=1h");
        var cut = Render<ProbePage>(p => p.Add(x => x.Failure, new InvalidOperationException("store gone")));

        Assert.Equal("error", cut.Find("output").GetAttribute("class"));
        Assert.StartsWith("The store could not be read", cut.Find("output").TextContent, StringComparison.Ordinal);

        cut.Render(p => p.Add(x => x.Failure, null));
        _feed.Publish([Event()], 0);

        cut.WaitForAssertion(() => Assert.Equal("1h", cut.Find("output").TextContent), Patience.HangGuard);
        Assert.Null(cut.Find("output").GetAttribute("class"));
    }

    [Fact]
    public async Task Dispose_WhileALoadRuns_ItsTokenIsCancelledAndTheFeedNoLongerCalls()
    {
        Navigation.NavigateTo("probe?range=1h");
        var cut = Render<ProbePage>(p => p.Add(x => x.Hold, true));
        var load = Assert.Single(cut.Instance.Loads);
        var page = cut.Instance;

        await DisposeComponentsAsync();
        _feed.Publish([Event()], 0);
        Time.Advance(ProbePage.Throttle);

        Assert.True(load.Token.IsCancellationRequested);
        Assert.Equal(0, page.FeedCalls);
    }

    private AuthEvent Event() => new()
    {
        Source = EventSource.Entrust,
        ProviderEventId = Guid.NewGuid().ToString(),
        EventType = "t",
        Milestone = Milestones.Other,
        Outcome = Outcome.Info,
        OccurredAt = Time.GetUtcNow(),
        ReceivedAt = Time.GetUtcNow(),
    };

    public sealed record ProbeUrl(string Range, string Sources, string? Key = null);

    public sealed record ProbeLoad(ProbeUrl Url, TaskCompletionSource Done, CancellationToken Token);

    /// <summary>A page that records its loads; with <see cref="Hold"/>, each load waits until the test completes it.</summary>
    public sealed class ProbePage : DashboardPage<ProbeUrl>
    {
        public static readonly TimeSpan Throttle = TimeSpan.FromSeconds(1);

        private string _shown = "";

        [Microsoft.AspNetCore.Components.Parameter]
        public bool Hold { get; set; }

        /// <summary>A route value, as /sessions/{key} has; null for a page without one.</summary>
        [Microsoft.AspNetCore.Components.Parameter]
        public string? Key { get; set; }

        /// <summary>What each load throws, while set.</summary>
        [Microsoft.AspNetCore.Components.Parameter]
        public Exception? Failure { get; set; }

        public List<ProbeLoad> Loads { get; } = [];

        public bool Following { get; set; } = true;

        public int FeedCalls { get; private set; }

        public void Show(ProbeUrl url) => Go(url);

        protected override TimeSpan? FeedThrottle => Throttle;

        protected override ProbeUrl ReadUrl(IReadOnlyDictionary<string, StringValues> query) =>
            new(query.TryGetValue("range", out var range) ? range.ToString() : "24h",
                query.TryGetValue("source", out var sources) ? string.Join(',', sources.ToArray()) : "", Key);

        protected override string CanonicalUrl(ProbeUrl url) =>
            (url.Key is null ? "probe" : "probe/" + url.Key) + "?range=" + url.Range + string.Concat(url.Sources.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => "&source=" + s));

        protected override bool FollowsFeed(ProbeUrl url)
        {
            FeedCalls++;
            return Following;
        }

        protected override async Task LoadAsync(ProbeUrl url, CancellationToken cancellationToken)
        {
            var load = new ProbeLoad(url, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
            Loads.Add(load);
            if (Hold)
            {
                await load.Done.Task.WaitAsync(cancellationToken);
            }

            if (Failure is { } failure)
            {
                throw failure;
            }

            _shown = url.Range;
        }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "output");
            if (LoadError is { } error)
            {
                builder.AddAttribute(1, "class", "error");
                builder.AddContent(2, error);
            }
            else
            {
                builder.AddContent(3, _shown);
            }

            builder.CloseElement();
        }
    }
}
