using AuthEvents.Store.Queries;
using AuthEvents.Web.Components.Charts;
using AuthEvents.Web.Components.Controls;
using AuthEvents.Web.State;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Primitives;
using Microsoft.JSInterop;

namespace AuthEvents.Web.Components.Pages;

/// <summary>
/// /live: every stored event, newest first, as it arrives. What the rows hold and when they may move is the
/// <see cref="LiveWindow"/>'s; the page reads the store for it, follows the feed, the URL and the grid's scrolling.
/// </summary>
public partial class Live
{
    // Redrawing the rate chart is most of the browser's work on a busy feed (ApexCharts measures every label): every 2 s
    // keeps it moving while the rows, which carry the news, follow the feed every 500 ms.
    private static readonly TimeSpan ChartInterval = TimeSpan.FromSeconds(2);
    private readonly LiveWindow _window = new();
    private LiveFilter _filter = LiveFilter.Default;
    private EventDetail? _detail;
    private ChartSpec _chart = new() { Type = "area", Axis = ChartAxis.Time };
    private string _rangeLabel = "";
    // The filter the rows were read for, and whether they must be read again (a hold ended, the zone changed).
    private LiveFilter? _rowsFor;
    private bool _rowsStale;
    private bool _changed;
    private ElementReference _gridHost;
    private LiveGridScroll? _scroll;
    private DateTimeOffset _updatedAt;

    // The rows follow the feed every 500 ms (the chart every 2 s, see ChartInterval).
    protected override TimeSpan? FeedThrottle => TimeSpan.FromMilliseconds(500);

    protected override LiveFilter ReadUrl(IReadOnlyDictionary<string, StringValues> query) => LiveFilter.Parse(query);

    protected override string CanonicalUrl(LiveFilter url) => DashboardUrls.Live(url);

    protected override bool DependsOnZone(LiveFilter url) => !url.Utc;

    protected override Task OnFeedAsync() => FeedPassAsync();

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
        var filterChanged = _rowsFor is not { } shown || shown with { Selected = null } != url with { Selected = null };
        _filter = url;
        if (filterChanged || _rowsStale)
        {
            _rowsStale = false;
            _changed = await ReadRowsAsync(force: filterChanged && _rowsFor is not null, cancellationToken);
            // A superseded read (a newer load, a pause) shows nothing: the rows are still those of the filter before.
            cancellationToken.ThrowIfCancellationRequested();
            _rowsFor = url;
        }

        if (!_loaded)
        {
            _loaded = true;
            if (_feedPending)
            {
                // What arrived while the first read ran.
                await FeedPassAsync();
            }
        }

        // The page's token, not the load's: a pause that drops a running read must not drop the detail just clicked.
        await LoadDetailAsync(PageToken);
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
        if (point.Time is not { } start || _chart.Times.Count < 2)
        {
            return Task.CompletedTask;
        }

        var size = TimeSpan.FromMilliseconds(_chart.Times[1] - _chart.Times[0]);
        return ApplyAsync(_filter with { Range = new TimeRange(TimeRange.Custom, start, start + size) });
    }

    private Task TogglePauseAsync() => FollowHoldAsync(_window.TogglePause());

    private LiveGridScroll Scroll => _scroll ??= new LiveGridScroll(JS, OnGridScrolledAsync);

    private async Task OnGridScrolledAsync(bool away)
    {
        if (away != _window.ScrolledAway)
        {
            await FollowHoldAsync(_window.Scrolled(away));
            StateHasChanged();
        }
    }

    /// <summary>
    /// A hold started: a refresh still running is dropped, so nothing moves (the window counts what arrives after the rows
    /// on screen). A hold ended: the view catches up.
    /// </summary>
    private async Task FollowHoldAsync(HoldChange change)
    {
        if (change == HoldChange.Started)
        {
            CancelLoad();
        }
        else if (change == HoldChange.Ended)
        {
            await ReloadRowsAsync();
        }
    }

    private async Task ToNewestAsync()
    {
        await Scroll.ToTopAsync(_gridHost, PageToken);
        // The scroll event also reports it; this covers a grid that was already at the top.
        await OnGridScrolledAsync(false);
    }

    /// <summary>Reads the rows and chart again for the same URL; false when nothing shown changed or it was superseded.</summary>
    private async Task<bool> ReloadRowsAsync()
    {
        _rowsStale = true;
        return await RefreshAsync() && _changed;
    }

    private async Task LoadDetailAsync(CancellationToken cancellationToken)
    {
        var id = _filter.Selected;
        var detail = id is { } selected ? await Queries.GetAsync(selected, cancellationToken) : null;
        // Another row may have been chosen while this one was read.
        if (_filter.Selected == id)
        {
            _detail = detail;
        }
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
