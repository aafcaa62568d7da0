using AuthEvents.Store.Queries;
using AuthEvents.Web.Components.Charts;
using AuthEvents.Web.Navigation;

namespace AuthEvents.Web.Components.Pages.Live;

/// <summary>
/// What /live shows and the store reads that fill it: the <see cref="LiveWindow"/> of rows, the rate chart, and when they
/// were read. The page decides when to read (its URL, the feed, the analyst's scrolling); this reads and applies, and
/// says whether anything on screen changed.
/// </summary>
public sealed class LiveData(EventQueries events, LiveQueries rates, TimeProvider time, ViewerClock clock)
{
    // Feed passes seen: a full read that saw one while it ran catches up with what arrived meanwhile.
    private long _feedTicks;

    public LiveWindow Window { get; } = new();

    public ChartSpec Chart { get; private set; } = new() { Type = "area", Axis = ChartAxis.Time };

    /// <summary>The range and bucket size the chart shows.</summary>
    public string RangeLabel { get; private set; } = "";

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Older rows are being read for the end of the list.</summary>
    public bool LoadingOlder { get; private set; }

    /// <summary>The feed announced events: a full read running now catches up with them.</summary>
    public void FeedArrived() => _feedTicks++;

    /// <summary>The filter's query, its time range resolved now in the zone it shows.</summary>
    public EventQuery Query(LiveFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter.ToEventQuery(time.GetUtcNow(), clock.ZoneFor(filter.Utc));
    }

    /// <summary>
    /// Reads the chart and the rows for <paramref name="filter"/>. A cancelled read changes nothing, so a paused view never
    /// moves. False when nothing shown changed (no render needed).
    /// </summary>
    /// <param name="filter">What the URL shows.</param>
    /// <param name="force">Apply even while the view holds still: the analyst changed what it shows.</param>
    /// <param name="cancellationToken">The load's token: a newer load or a pause cancels it.</param>
    public async Task<bool> ReadAsync(LiveFilter filter, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        try
        {
            var now = time.GetUtcNow();
            var query = filter.ToEventQuery(now, clock.ZoneFor(filter.Utc));
            TimeSeries series;
            if (filter.Range.IsLive)
            {
                series = await rates.LiveRateAsync(now, TimeRange.LiveWindow, query, cancellationToken);
            }
            else
            {
                var (from, to) = filter.Range.Resolve(now, clock.ZoneFor(filter.Utc));
                series = await rates.RateAsync(query with { From = from, To = to }, TimeBuckets.ForRange(from, to), cancellationToken);
            }

            var ticks = _feedTicks;
            var page = await events.PageAsync(query, new EventPageRequest { Take = Window.Capacity }, cancellationToken);
            if (filter.Range.IsLive && ticks != _feedTicks && !cancellationToken.IsCancellationRequested
                && await events.NewerAsync(query, page.SnapshotId, cancellationToken) is { } newer)
            {
                // Events arrived while the page was read (a slow filter over a large store): an update from the feed may
                // already show them, so this result must not be older than it.
                page = Window.CatchUp(page, newer);
            }

            var reset = cancellationToken.IsCancellationRequested ? LiveUpdate.Dropped : Window.Reset(page, filter, query, evenWhileHeld: force);
            if (reset == LiveUpdate.Dropped)
            {
                return false;
            }

            RangeLabel = $"{filter.Range.Label}, {SeriesCharts.Label(series.BucketSize)}";
            UpdatedAt = now;
            return ShowChart(series) || reset == LiveUpdate.Changed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// The Live range has no bounds, so what arrived is exactly what changes: the new matching events are merged into the
    /// rows and added to the total, and only the two-minute rate chart is read again.
    /// </summary>
    /// <returns>
    /// The window's answer (Superseded: a full read replaced the rows meanwhile, go again), or Overflowed when more
    /// arrived than one update reads (read the rows again). Dropped when cancelled.
    /// </returns>
    public async Task<LiveUpdate> AddNewerAsync(LiveFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var from = Window.SnapshotId;
        if (!Window.ReadWith(filter))
        {
            // The filter changed and its full read is still running: that read catches up with what arrived.
            return LiveUpdate.Dropped;
        }

        try
        {
            var query = Query(filter);
            var newer = await events.NewerAsync(query, from, cancellationToken);
            if (newer is null)
            {
                return LiveUpdate.Overflowed;
            }

            var series = await rates.LiveRateAsync(time.GetUtcNow(), TimeRange.LiveWindow, query, cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                return LiveUpdate.Dropped;
            }

            var merged = Window.Merge(newer, from, filter);
            if (merged is LiveUpdate.Dropped or LiveUpdate.Superseded)
            {
                return merged;
            }

            UpdatedAt = time.GetUtcNow();
            return ShowChart(series) ? LiveUpdate.Changed : merged;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return LiveUpdate.Dropped;
        }
    }

    /// <summary>While the view holds still: counts what arrived after the rows on screen. True when the count applied.</summary>
    public async Task<bool> CountArrivedAsync(LiveFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var from = Window.SnapshotId;
        var arrived = await events.CountNewerAsync(Query(filter), from, cancellationToken);
        return Window.CountWhileHeld(arrived, from);
    }

    /// <summary>
    /// The analyst reached the end of the list: reads the next older rows, at the rows' snapshot with the query they were
    /// read with, and lists them after the rows. One read at a time; false when nothing was added.
    /// </summary>
    public async Task<bool> LoadOlderAsync(CancellationToken cancellationToken)
    {
        if (LoadingOlder || !Window.HasOlder || Window.OlderCursor is not { } after
            || Window.RowsQuery is not { } query || Window.RowsFilter is not { } filter)
        {
            return false;
        }

        var snapshot = Window.SnapshotId;
        LoadingOlder = true;
        try
        {
            var older = await events.OlderAsync(query, snapshot, after, Window.OlderTake, cancellationToken);
            return Window.AppendOlder(older, after, snapshot, filter) == LiveUpdate.Changed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            LoadingOlder = false;
        }
    }

    // Shows the series; true when the chart's content changed.
    private bool ShowChart(TimeSeries series)
    {
        var chart = SeriesCharts.LiveRate(series);
        var changed = chart.ContentKey != Chart.ContentKey;
        Chart = chart;
        return changed;
    }
}
