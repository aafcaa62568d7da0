using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Queries;

/// <summary>Event rates for the live page's chart, for any <see cref="EventQuery"/> the page's filters make.</summary>
public sealed class LiveQueries(IDbContextFactory<AuthEventsDbContext> contexts)
{
    /// <summary>
    /// Events per second over the <paramref name="window"/> before <paramref name="now"/>, one line per outcome (keys
    /// from <see cref="OutcomeKeys"/>), every second present. The filter's own time range is replaced by the window.
    /// </summary>
    public Task<TimeSeries> LiveRateAsync(DateTimeOffset now, TimeSpan window, EventQuery filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return RateAsync(filter with { From = now - window, To = now }, TimeSpan.FromSeconds(1), cancellationToken);
    }

    /// <summary>
    /// Events per bucket of <paramref name="bucketSize"/> over the query's <c>[From, To)</c> (both required), one line
    /// per outcome, every bucket present, aligned in <see cref="EventQuery.From"/>'s offset. Whole-minute buckets of
    /// a query on rollup dimensions only are read from the rollups; anything else (per-second buckets, a person,
    /// session, IP, reason or text filter) is counted from the events table.
    /// </summary>
    /// <exception cref="ArgumentException">The query has no <c>From</c> or no <c>To</c>.</exception>
    public async Task<TimeSeries> RateAsync(EventQuery query, TimeSpan bucketSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.From is not { } from || query.To is not { } to)
        {
            throw new ArgumentException("A rate needs both From and To.", nameof(query));
        }

        var bucketing = TimeBuckets.Bucketing(from, to, bucketSize);
        var keys = OutcomeKeys.Order.Select(OutcomeKeys.Of);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (bucketSize.Ticks % TimeSpan.TicksPerMinute == 0 && EventFilter.ToRollupFilter(query) is { } filter)
        {
            var rows = await RollupSql.CountEventsAsync(db, from.UtcTicks, to.UtcTicks, filter, [EventDim.Outcome], bucketing, cancellationToken).ConfigureAwait(false);
            return TimeBuckets.ToSeries(from, to, bucketSize, keys, rows.Select(r => (r.Bucket, OutcomeKeys.Of(r.Outcome), r.Count)));
        }

        var (origin, size) = (bucketing.OriginTicks, bucketing.SizeTicks);
        var counted = await EventFilter.Apply(db.Events.AsNoTracking(), query)
            .GroupBy(e => new { Bucket = (e.OccurredAtTicks - origin) / size, e.Outcome })
            .Select(g => new { g.Key.Bucket, g.Key.Outcome, Count = g.LongCount() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TimeBuckets.ToSeries(from, to, bucketSize, keys, counted.Select(r => ((r.Bucket * size) + origin, OutcomeKeys.Of(r.Outcome), r.Count)));
    }
}
