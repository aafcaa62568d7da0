using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Queries;

/// <summary>The live page's chart rates for any <see cref="EventQuery"/>, one event in full for its detail panel, and new rows for the external hub.</summary>
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
        var counted = await EventFilter.Apply(db, query)
            .GroupBy(e => new { Bucket = (e.OccurredAtTicks - origin) / size, e.Outcome })
            .Select(g => new { g.Key.Bucket, g.Key.Outcome, Count = g.LongCount() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TimeBuckets.ToSeries(from, to, bucketSize, keys, counted.Select(r => ((r.Bucket * size) + origin, OutcomeKeys.Of(r.Outcome), r.Count)));
    }

    /// <summary>The highest stored event id (0 when empty): a bookmark for "what was stored after this".</summary>
    public async Task<long> MaxIdAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Events.MaxAsync(e => (long?)e.Id, cancellationToken).ConfigureAwait(false) ?? 0;
    }

    /// <summary>One event in full, for the detail panel; null when there is no such event.</summary>
    public async Task<EventDetail?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var e = await db.Events.AsNoTracking().Include(x => x.FailureReasons)
            .FirstOrDefaultAsync(x => x.Id == id, cancellationToken).ConfigureAwait(false);
        return e is null ? null : new EventDetail(
            e.Id, e.Source, e.Tenant, e.ProviderEventId, e.EventType, e.Milestone, e.Outcome,
            new DateTimeOffset(e.OccurredAtTicks, TimeSpan.Zero), new DateTimeOffset(e.ReceivedAtTicks, TimeSpan.Zero),
            e.SubjectKey, e.PersonKey, e.EmailMasked, e.SessionKey, e.Ip, e.Country, e.City, e.UserAgent, e.DeviceKey, e.Authenticator,
            e.FailureReasons.OrderBy(r => r.Id).Select(r => new EventReason(r.Field, r.Code, r.Canonical)).ToList(),
            e.AttributesJson, e.IsDemo);
    }

    /// <summary>Events stored after the row <paramref name="afterId"/>, in storage order, at most <paramref name="limit"/>: what the hub sends next.</summary>
    public async Task<IReadOnlyList<HubEvent>> AfterAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Events.AsNoTracking().Where(e => e.Id > afterId).OrderBy(e => e.Id).Take(limit)
            .Select(e => new HubEvent(
                e.Id, e.Source, e.ProviderEventId, e.EventType, e.Milestone, e.Outcome, new DateTimeOffset(e.OccurredAtTicks, TimeSpan.Zero),
                e.ReasonCodes, e.PersonKey, e.EmailMasked, e.SessionKey, e.Ip, e.Country, e.Authenticator, e.IsDemo))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
