using AuthEvents.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Queries;

/// <summary>
/// Queries of the live view and the external hub: a page of the newest events, how many arrived after a given row, one
/// event in full, the event rate per bucket, and new rows after an id. One short context per call.
/// </summary>
public sealed class LiveQueries(IDbContextFactory<AuthEventsDbContext> contexts)
{
    /// <summary>Rows <paramref name="skip"/>..skip+take of the selection, newest first, and the selection's size.</summary>
    public async Task<(IReadOnlyList<EventListItem> Rows, int Total)> PageAsync(EventQuery query, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var selection = EventQueries.Apply(db.Events.AsNoTracking(), query);
        var total = await selection.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await selection
            .OrderByDescending(e => e.OccurredAtTicks).ThenByDescending(e => e.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 1000))
            .Select(e => new EventListItem(
                e.Id, e.Source, e.EventType, e.Milestone, e.Outcome, e.ReasonCodes, e.PersonKey, e.EmailMasked,
                e.SessionKey, e.Ip, e.Country, e.Authenticator, new DateTimeOffset(e.OccurredAtTicks, TimeSpan.Zero), e.IsDemo))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return (rows, total);
    }

    /// <summary>The highest stored event id (0 when empty): a bookmark for "what arrived after this".</summary>
    public async Task<long> MaxIdAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Events.MaxAsync(e => (long?)e.Id, cancellationToken).ConfigureAwait(false) ?? 0;
    }

    /// <summary>How many events of the selection were stored after the row <paramref name="afterId"/>.</summary>
    public async Task<int> CountAfterAsync(EventQuery query, long afterId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await EventQueries.Apply(db.Events.AsNoTracking(), query with { To = null })
            .Where(e => e.Id > afterId).CountAsync(cancellationToken).ConfigureAwait(false);
    }

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

    /// <summary>Counts per bucket and outcome over [from, to); buckets with no events are absent (the caller fills them).</summary>
    public async Task<IReadOnlyList<RateBucket>> RateAsync(EventQuery query, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = bucket.Ticks;
        var (f, t) = (from.UtcTicks, to.UtcTicks);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await EventQueries.Apply(db.Events.AsNoTracking(), query with { From = null, To = null })
            .Where(e => e.OccurredAtTicks >= f && e.OccurredAtTicks < t)
            .GroupBy(e => new { Bucket = (e.OccurredAtTicks - f) / size, e.Outcome })
            .Select(g => new { g.Key.Bucket, g.Key.Outcome, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new RateBucket(new DateTimeOffset(f + (r.Bucket * size), TimeSpan.Zero), r.Outcome, r.Count))
            .OrderBy(r => r.Start).ThenBy(r => r.Outcome).ToList();
    }

    /// <summary>Events stored after the row <paramref name="afterId"/>, in storage order, at most <paramref name="limit"/>.</summary>
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
