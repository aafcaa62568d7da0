using System.Text.Json;
using AuthEvents.Store.Queries;
using AuthEvents.Web.Components.Charts;
using AuthEvents.Web.Navigation;

namespace AuthEvents.Web.Components.Pages.Live;

/// <summary>
/// What /live shows and the store reads that fill it: the <see cref="LiveWindow"/> of rows, the rate chart, and when they
/// were read. The page decides when to read (its URL, the feed, the analyst's scrolling); this reads and applies, and
/// says whether anything on screen changed. Reads for a feed tick go through <see cref="SharedReads"/>: at the tick's
/// instant and up to its snapshot (the newest stored event when the tick was first read), so every page showing the same
/// filter reads once per tick, and pages that merged the same events stand at the same snapshot for the next tick.
/// </summary>
public sealed class LiveData(EventQueries events, LiveQueries rates, TimeProvider time, ViewerClock clock, SharedReads shared)
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
    /// <param name="tick">The feed tick this read follows (shared with the pages at the same tick); null reads now, alone.</param>
    public async Task<bool> ReadAsync(LiveFilter filter, bool force, FeedTick? tick, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        try
        {
            var now = tick?.At ?? time.GetUtcNow();
            var query = filter.ToEventQuery(now, clock.ZoneFor(filter.Utc));
            (TimeSeries Series, ChartSpec Chart) rate;
            if (filter.Range.IsLive)
            {
                rate = await LiveRateAsync(tick, now, query, cancellationToken);
            }
            else
            {
                var (from, to) = filter.Range.Resolve(now, clock.ZoneFor(filter.Utc));
                var ranged = query with { From = from, To = to };
                var bucket = TimeBuckets.ForRange(from, to);
                rate = await shared.GetAsync(tick, Key("rate", ranged, $"{bucket.Ticks}"), async ct =>
                {
                    var series = await rates.RateAsync(ranged, bucket, ct);
                    return (series, SeriesCharts.LiveRate(series));
                }, cancellationToken);
            }

            var ticks = _feedTicks;
            var snapshot = await SnapshotAsync(tick, cancellationToken);
            var request = new EventPageRequest { Take = Window.Capacity, SnapshotId = snapshot };
            var page = await shared.GetAsync(tick, Key("page", query, $"{request.Take}@{request.SnapshotId}"), ct => events.PageAsync(query, request, ct), cancellationToken);
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

            RangeLabel = $"{filter.Range.Label}, {SeriesCharts.Label(rate.Series.BucketSize)}";
            UpdatedAt = now;
            return ShowChart(rate.Chart) || reset == LiveUpdate.Changed;
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
    /// <param name="filter">What the URL shows.</param>
    /// <param name="tick">The feed tick this update follows; null reads now, alone.</param>
    /// <param name="cancellationToken">The load's token.</param>
    public async Task<LiveUpdate> AddNewerAsync(LiveFilter filter, FeedTick? tick, CancellationToken cancellationToken)
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
            var now = tick?.At ?? time.GetUtcNow();
            var query = filter.ToEventQuery(now, clock.ZoneFor(filter.Utc));
            var upTo = await SnapshotAsync(tick, cancellationToken);
            var newer = await shared.GetAsync(tick, Key("newer", query, $"{from}-{upTo}"), ct => events.NewerAsync(query, from, upTo, ct), cancellationToken);
            if (newer is null)
            {
                return LiveUpdate.Overflowed;
            }

            var rate = await LiveRateAsync(tick, now, query, cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                return LiveUpdate.Dropped;
            }

            var merged = Window.Merge(newer, from, filter);
            if (merged is LiveUpdate.Dropped or LiveUpdate.Superseded)
            {
                return merged;
            }

            UpdatedAt = now;
            return ShowChart(rate.Chart) ? LiveUpdate.Changed : merged;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return LiveUpdate.Dropped;
        }
    }

    /// <summary>While the view holds still: counts what arrived after the rows on screen. True when the count applied.</summary>
    /// <param name="filter">What the URL shows.</param>
    /// <param name="tick">The feed tick this count follows; null counts now, alone.</param>
    /// <param name="cancellationToken">The page's token.</param>
    public async Task<bool> CountArrivedAsync(LiveFilter filter, FeedTick? tick, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var from = Window.SnapshotId;
        var query = filter.ToEventQuery(tick?.At ?? time.GetUtcNow(), clock.ZoneFor(filter.Utc));
        var arrived = await shared.GetAsync(tick, Key("arrived", query, $"{from}"), ct => events.CountNewerAsync(query, from, ct), cancellationToken);
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

    // The two-minute rate chart at `now`, one read and one chart for every page at the tick.
    private Task<(TimeSeries Series, ChartSpec Chart)> LiveRateAsync(FeedTick? tick, DateTimeOffset now, EventQuery query, CancellationToken cancellationToken) =>
        shared.GetAsync(tick, Key("live-rate", query, $"{now.UtcTicks}"), async ct =>
        {
            var series = await rates.LiveRateAsync(now, TimeRange.LiveWindow, query, ct);
            return (series, SeriesCharts.LiveRate(series));
        }, cancellationToken);

    // The tick's snapshot: the newest stored event when the tick was first read (null without a tick: each read takes its own).
    private async Task<long?> SnapshotAsync(FeedTick? tick, CancellationToken cancellationToken) =>
        tick is null ? null : await shared.GetAsync(tick, "snapshot", rates.MaxIdAsync, cancellationToken);

    // A shared read's key: its kind, the query with its bounds resolved, and the read's own arguments.
    private static string Key(string kind, EventQuery query, string args) =>
        FormattableString.Invariant($"live-{kind}|{JsonSerializer.Serialize(query)}|{args}");

    // Shows the chart; true when its content changed.
    private bool ShowChart(ChartSpec chart)
    {
        var changed = !ReferenceEquals(chart, Chart) && chart.ContentKey != Chart.ContentKey;
        Chart = chart;
        return changed;
    }
}
