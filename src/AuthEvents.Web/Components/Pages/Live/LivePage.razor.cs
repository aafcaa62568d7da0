using AuthEvents.Store.Queries;
using AuthEvents.Web.Components.Charts;
using AuthEvents.Web.Navigation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Primitives;
using Microsoft.JSInterop;

namespace AuthEvents.Web.Components.Pages.Live;

/// <summary>
/// /live: every stored event, newest first, as it arrives. What it shows and the reads that fill it are
/// <see cref="LiveData"/>'s; the page decides when to read: the URL, the feed, the pause button and the grid's scrolling.
/// </summary>
public partial class LivePage
{
    // Redrawing the rate chart is most of the browser's work on a busy feed (ApexCharts measures every label): every 2 s
    // keeps it moving while the rows, which carry the news, follow the feed every 500 ms.
    private static readonly TimeSpan ChartInterval = TimeSpan.FromSeconds(2);
    private LiveData? _data;
    private LiveFilter _filter = LiveFilter.Default;
    private EventDetail? _detail;
    // The filter the rows were read for, and whether they must be read again (a hold ended, the zone changed).
    private LiveFilter? _rowsFor;
    private bool _rowsStale;
    private bool _changed;
    private ElementReference _gridHost;
    private LiveGridScroll? _scroll;
    // The first read has run; a feed pass is running, or one more was asked for while one ran (or before the first read).
    private bool _loaded;
    private bool _feedRunning;
    private bool _feedPending;
    // The newest feed tick heard: a pass reads for it, shared with every page at the same tick.
    private FeedTick? _tick;

    private LiveData Data => _data ??= new LiveData(Events, Queries, Time, Clock, Shared);

    private LiveWindow Window => Data.Window;

    // The rows follow the feed every 500 ms (the chart every 2 s, see ChartInterval).
    protected override TimeSpan? FeedThrottle => TimeSpan.FromMilliseconds(500);

    protected override LiveFilter ReadUrl(IReadOnlyDictionary<string, StringValues> query) => LiveFilter.Parse(query);

    protected override string CanonicalUrl(LiveFilter url) => DashboardUrls.Live(url);

    protected override string? NoticeOf(LiveFilter url) => url.Range.Notice;

    protected override bool DependsOnZone(LiveFilter url) => !url.Utc;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await Scroll.WatchAsync(_gridHost, PageToken);
        }
    }

    /// <summary>
    /// Reads what the URL shows: the rows and chart when the filter changed (even while the view holds still: the analyst
    /// changed what it shows, and the count of new events starts again from it) or a reload was asked for; the selected
    /// event's detail always. A change of the selected event alone leaves the rows where they are.
    /// </summary>
    protected override async Task LoadAsync(LiveFilter url, CancellationToken cancellationToken)
    {
        var tick = LoadTick;
        var filterChanged = _rowsFor is not { } shown || shown with { Selected = null } != url with { Selected = null };
        _filter = url;
        if (filterChanged || _rowsStale)
        {
            _rowsStale = false;
            // A new filter's rows show even while the view holds still (and the first read's, when the analyst paused
            // before it landed): the analyst asked for them.
            _changed = await Data.ReadAsync(url, force: filterChanged, filterChanged ? null : tick, cancellationToken);
            // A superseded read (a newer load, a pause) shows nothing: the rows are still those of the filter before.
            cancellationToken.ThrowIfCancellationRequested();
            _rowsFor = url;
        }

        if (!_loaded)
        {
            _loaded = true;
            if (_feedPending && _tick is { } pending)
            {
                // What arrived while the first read ran.
                await OnFeedAsync(pending);
            }
        }

        // The page's token, not the load's: a pause that drops a running read must not drop the detail just clicked.
        var id = url.Selected;
        var detail = id is { } selected ? await Queries.GetAsync(selected, PageToken) : null;
        // Another row may have been chosen while this one was read.
        if (_filter.Selected == id)
        {
            _detail = detail;
        }
    }

    /// <summary>
    /// Events were stored. While the view holds still they are counted; live, the Live range merges them into the rows and
    /// another range whose end is still ahead reads its rows again. Passes coalesce: while one runs, later ones only ask
    /// for one more after it (cancelling the running one instead would starve the page whenever a read outlasts the
    /// feed's interval).
    /// </summary>
    protected override async Task OnFeedAsync(FeedTick tick)
    {
        if (!tick.Update.HasEvents)
        {
            // Only alerts changed: nothing /live shows.
            return;
        }

        _tick = tick;
        Data.FeedArrived();
        if (Window.Holding)
        {
            if (await Data.CountArrivedAsync(_filter, tick, PageToken))
            {
                StateHasChanged();
            }

            return;
        }

        var now = tick.At;
        if (!_filter.Range.IsLive && _filter.Range.Resolve(now, Clock.ZoneFor(_filter.Utc)).To <= now)
        {
            return;
        }

        if (!_loaded || _feedRunning)
        {
            // The first read (or the pass running) catches up with what arrived while it read, and passes again after.
            _feedPending = true;
            return;
        }

        _feedRunning = true;
        try
        {
            do
            {
                _feedPending = false;
                if (await FeedOnceAsync())
                {
                    StateHasChanged();
                }
            }
            while (_feedPending && !Window.Holding);
        }
        finally
        {
            _feedRunning = false;
        }
    }

    // One pass: true when what the page shows changed.
    private async Task<bool> FeedOnceAsync()
    {
        var tick = _tick;
        if (!_filter.Range.IsLive)
        {
            return await ReloadRowsAsync(tick);
        }

        switch (await Data.AddNewerAsync(_filter, tick, LoadToken))
        {
            case LiveUpdate.Overflowed:
                return await ReloadRowsAsync(tick);
            case LiveUpdate.Superseded:
                // A full read replaced the rows meanwhile: go again from its snapshot.
                _feedPending = true;
                return false;
            case LiveUpdate.Changed:
                return true;
            default:
                return false;
        }
    }

    private Task ApplyAsync(LiveFilter filter)
    {
        Go(filter);
        return Task.CompletedTask;
    }

    private Task SelectAsync(EventListItem? row) => ApplyAsync(_filter with { Selected = row?.Id });

    // A click on a bar narrows the view to that bucket.
    private Task ZoomToBucketAsync(ChartPoint point)
    {
        var times = Data.Chart.Times;
        if (point.Time is not { } start || times.Count < 2)
        {
            return Task.CompletedTask;
        }

        var size = TimeSpan.FromMilliseconds(times[1] - times[0]);
        return ApplyAsync(_filter with { Range = new TimeRange(TimeRange.Custom, start, start + size) });
    }

    private Task TogglePauseAsync() => FollowHoldAsync(Window.TogglePause());

    private LiveGridScroll Scroll => _scroll ??= new LiveGridScroll(JS, OnGridScrolledAsync, LoadOlderAsync);

    private async Task OnGridScrolledAsync(bool away)
    {
        if (away != Window.ScrolledAway)
        {
            await FollowHoldAsync(Window.Scrolled(away));
            StateHasChanged();
        }
    }

    // The analyst reached the end of the list (or asked for more there): the next older rows are listed after it.
    private async Task LoadOlderAsync()
    {
        var loading = Data.LoadOlderAsync(PageToken);
        // Says "Loading…" at the end of the list while the read runs.
        StateHasChanged();
        try
        {
            await loading;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ShowLoadFailure(ex);
        }

        StateHasChanged();
    }

    /// <summary>
    /// A hold started: a refresh still running is dropped, so nothing moves (the window counts what arrives after the rows
    /// on screen); the first read, when it is still running, goes on, or the view would hold nothing. A hold ended: the
    /// view catches up.
    /// </summary>
    private async Task FollowHoldAsync(HoldChange change)
    {
        if (change == HoldChange.Started && _rowsFor is not null)
        {
            CancelLoad();
        }
        else if (change == HoldChange.Ended)
        {
            await ReloadRowsAsync(null);
        }
    }

    private async Task ToNewestAsync()
    {
        await Scroll.ToTopAsync(_gridHost, PageToken);
        // The scroll event also reports it; this covers a grid that was already at the top.
        await OnGridScrolledAsync(false);
    }

    /// <summary>Reads the rows and chart again for the same URL (for <paramref name="tick"/>, if a tick asked); false when nothing shown changed or it was superseded.</summary>
    private async Task<bool> ReloadRowsAsync(FeedTick? tick)
    {
        _rowsStale = true;
        return await RefreshAsync(tick) && _changed;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ = _scroll?.ReleaseAsync(CancellationToken.None);
        }

        base.Dispose(disposing);
    }
}
