using AuthEvents.Store.Queries;
using AuthEvents.Web.Components.Charts;
using AuthEvents.Web.Components.Controls;
using AuthEvents.Web.State;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.WebUtilities;
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
    private IDisposable? _subscription;
    private CancellationTokenSource? _refresh;
    private ElementReference _gridHost;
    private LiveGridScroll? _scroll;
    private DateTimeOffset _updatedAt;

    protected override async Task OnInitializedAsync()
    {
        Nav.LocationChanged += OnLocationChanged;
        _filter = ReadFilter();
        // Subscribed before the first read: an event stored while the page is read still announces itself (the read
        // then catches up), where subscribing after it could miss one until the next event came.
        _subscription = Feed.Subscribe(OnFeedAsync, TimeSpan.FromMilliseconds(500));
        await RefreshAsync();
        _loaded = true;
        if (_feedPending)
        {
            await FeedPassAsync();
        }

        await LoadDetailAsync(PageToken);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await Scroll.WatchAsync(_gridHost, PageToken);
            // After the await above: the analyst may have left the page meanwhile (ReplaceUrl then leaves the URL alone).
            ReplaceUrl(Nav, DashboardUrls.Live(_filter));
        }
    }

    protected override async Task OnZoneChangedAsync()
    {
        if (!_filter.Utc)
        {
            await RefreshAsync();
        }
    }

    private LiveFilter ReadFilter() => LiveFilter.Parse(QueryHelpers.ParseQuery(new Uri(Nav.Uri).Query));

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        if (!Nav.ToBaseRelativePath(e.Location).StartsWith(DashboardUrls.LivePath, StringComparison.Ordinal))
        {
            return;
        }

        var filter = ReadFilter();
        if (filter == _filter)
        {
            return;
        }

        var selectionOnly = filter with { Selected = null } == _filter with { Selected = null };
        _filter = filter;
        _ = InvokeAsync(async () =>
        {
            if (!selectionOnly)
            {
                // A filter change applies even while the view holds still; the count of new events starts again from it.
                await RefreshAsync(force: true);
            }

            await LoadDetailAsync(PageToken);
            StateHasChanged();
        });
    }

    private Task ApplyAsync(LiveFilter filter)
    {
        Nav.NavigateTo(DashboardUrls.Live(filter));
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
            _refresh?.Cancel();
        }
        else if (change == HoldChange.Ended)
        {
            await RefreshAsync();
        }
    }

    private async Task ToNewestAsync()
    {
        await Scroll.ToTopAsync(_gridHost, PageToken);
        // The scroll event also reports it; this covers a grid that was already at the top.
        await OnGridScrolledAsync(false);
    }

    private async Task LoadDetailAsync(CancellationToken cancellationToken) =>
        _detail = _filter.Selected is { } id ? await Queries.GetAsync(id, cancellationToken) : null;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Nav.LocationChanged -= OnLocationChanged;
            _subscription?.Dispose();
            _refresh?.Cancel();
            _refresh?.Dispose();
            _ = _scroll?.ReleaseAsync(CancellationToken.None);
        }

        base.Dispose(disposing);
    }
}
