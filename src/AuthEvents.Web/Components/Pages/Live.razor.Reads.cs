using AuthEvents.Store.Queries;
using AuthEvents.Web.Components.Charts;
using AuthEvents.Web.State;

namespace AuthEvents.Web.Components.Pages;

// /live's reads of the store into its window: a full refresh, and the feed's passes that add what arrived (or, while the
// view holds still, count it).
public partial class Live
{
    private bool _feedRunning;
    private long _feedTicks;
    private bool _loaded;
    private bool _feedPending;

    private async Task FeedPassAsync()
    {
        _feedTicks++;
        if (_window.Holding)
        {
            var from = _window.SnapshotId;
            _window.CountWhileHeld(await Events.CountNewerAsync(Query(), from, PageToken), from);
            StateHasChanged();
            return;
        }

        if (!_filter.Range.IsLive && _filter.Range.Resolve(Time.GetUtcNow(), Clock.ZoneFor(_filter.Utc)).To <= Time.GetUtcNow())
        {
            return;
        }

        if (!_loaded)
        {
            // The first read is still running: it catches up with what arrived while it read, and passes again after.
            _feedPending = true;
            return;
        }

        // Updates coalesce: while one runs, later ones only ask for one more pass after it. (Cancelling the running one
        // instead would starve the page whenever a refresh takes longer than the feed's interval.)
        if (_feedRunning)
        {
            _feedPending = true;
            return;
        }

        _feedRunning = true;
        try
        {
            do
            {
                _feedPending = false;
                if (await (_filter.Range.IsLive ? AddNewerAsync() : ReloadRowsAsync()))
                {
                    StateHasChanged();
                }
            }
            while (_feedPending && !_window.Holding);
        }
        finally
        {
            _feedRunning = false;
        }
    }

    /// <summary>
    /// The Live range has no bounds, so what arrived is exactly what changes: the new matching events are merged into
    /// the rows and added to the total, and only the two-minute rate chart is read again. Reloads when too many arrived.
    /// </summary>
    private async Task<bool> AddNewerAsync()
    {
        var token = LoadToken;
        var from = _window.SnapshotId;
        var filter = _filter;
        if (!_window.ReadWith(filter))
        {
            // The filter changed and its full read is still running: that read catches up with what arrived.
            return false;
        }

        try
        {
            var query = Query();
            var newer = await Events.NewerAsync(query, from, token);
            if (newer is null)
            {
                return await ReloadRowsAsync();
            }

            var rates = await Queries.LiveRateAsync(Time.GetUtcNow(), TimeRange.LiveWindow, query, token);
            if (token.IsCancellationRequested || _filter != filter)
            {
                return false;
            }

            var merged = _window.Merge(newer, from, filter);
            if (merged == LiveUpdate.Superseded)
            {
                // A full reload replaced the rows meanwhile: go again from its snapshot.
                _feedPending = true;
            }

            if (merged is LiveUpdate.Dropped or LiveUpdate.Superseded)
            {
                return false;
            }

            var chart = SeriesCharts.LiveRate(rates);
            var changed = merged == LiveUpdate.Changed || chart.ContentKey != _chart.ContentKey;
            _chart = chart;
            _updatedAt = Time.GetUtcNow();
            return changed;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads the chart and the rows, in the page's load series: a newer load (or a pause) cancels it and its results are
    /// dropped, so a paused view never moves. False when nothing the page shows changed (no render needed).
    /// </summary>
    /// <param name="force">Read even while the view holds still: the analyst changed what it shows.</param>
    /// <param name="cancellationToken">The load's token.</param>
    private async Task<bool> ReadRowsAsync(bool force, CancellationToken cancellationToken)
    {
        try
        {
            var now = Time.GetUtcNow();
            var filter = _filter;
            var query = Query();
            TimeSeries rates;
            if (_filter.Range.IsLive)
            {
                rates = await Queries.LiveRateAsync(now, TimeRange.LiveWindow, query, cancellationToken);
            }
            else
            {
                var (from, to) = _filter.Range.Resolve(now, Clock.ZoneFor(_filter.Utc));
                rates = await Queries.RateAsync(query with { From = from, To = to }, TimeBuckets.ForRange(from, to), cancellationToken);
            }

            var ticks = _feedTicks;
            var page = await Events.PageAsync(query, new EventPageRequest { Take = _window.Capacity }, cancellationToken);
            if (_filter.Range.IsLive && ticks != _feedTicks && !cancellationToken.IsCancellationRequested
                && await Events.NewerAsync(query, page.SnapshotId, cancellationToken) is { } newer)
            {
                // Events arrived while the page was read (a slow filter over a large store): an update from the feed may
                // already show them, so this result must not be older than it.
                page = _window.CatchUp(page, newer);
            }

            var reset = cancellationToken.IsCancellationRequested ? LiveUpdate.Dropped : _window.Reset(page, filter, evenWhileHeld: force);
            if (reset == LiveUpdate.Dropped)
            {
                return false;
            }

            var chart = SeriesCharts.LiveRate(rates);
            var changed = reset == LiveUpdate.Changed || chart.ContentKey != _chart.ContentKey;
            _chart = chart;
            _rangeLabel = $"{_filter.Range.Label}, {SeriesCharts.Label(rates.BucketSize)}";
            _updatedAt = now;
            return changed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private EventQuery Query() => _filter.ToEventQuery(Time.GetUtcNow(), Clock.ZoneFor(_filter.Utc));
}
