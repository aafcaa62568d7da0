using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using AuthEvents.Core.Events;
using AuthEvents.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Queries;

/// <summary>Read-side queries. One short-lived context per call; every call takes the caller's cancellation token.</summary>
public sealed class EventQueries(IDbContextFactory<AuthEventsDbContext> contexts)
{
    /// <summary>
    /// One page of the events the query selects, newest first, with their total, for a virtualized grid. The rows, the
    /// total and the snapshot are read in one read transaction, so they agree with each other. When the query uses
    /// only rollup dimensions (time, source, type, milestone, outcome, country, authenticator) the total comes from the
    /// rollups (minus the events stored after the snapshot); otherwise it is counted from the events table.
    /// </summary>
    public async Task<EventPage> PageAsync(EventQuery query, EventPageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(request);
        var take = Math.Clamp(request.Take, 1, EventPageRequest.MaxTake);
        var skip = Math.Max(0, request.Skip);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var read = await ReadSnapshot.BeginAsync(db, cancellationToken).ConfigureAwait(false);
        var snapshot = request.SnapshotId ?? await db.Events.MaxAsync(e => (long?)e.Id, cancellationToken).ConfigureAwait(false) ?? 0;
        var items = await NewestFirst(db, query, snapshot, request.After)
            .Skip(skip).Take(take)
            .Select(ListItem)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var total = await CountAsync(db, query, snapshot, cancellationToken).ConfigureAwait(false);
        return new EventPage(items, total, snapshot);
    }

    /// <summary>
    /// The next <paramref name="take"/> events of a list already on screen: those the query selects, stored up to
    /// <paramref name="snapshotId"/>, that come after <paramref name="after"/> (its last row) in the newest-first order.
    /// No total (the list's first page counted them), so a page costs a seek on the time index and no count.
    /// </summary>
    public async Task<IReadOnlyList<EventListItem>> OlderAsync(EventQuery query, long snapshotId, EventCursor after, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        take = Math.Clamp(take, 1, EventPageRequest.MaxTake);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await NewestFirst(db, query, snapshotId, after)
            .Take(take)
            .Select(ListItem)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    // The events the query selects stored up to the snapshot, newest first, after the cursor when there is one.
    private static IQueryable<EventRecord> NewestFirst(AuthEventsDbContext db, EventQuery query, long snapshot, EventCursor? cursor)
    {
        var rows = EventFilter.Apply(db, query).Where(e => e.Id <= snapshot);
        if (cursor is { } after)
        {
            // The first term is implied by the second; it is there so that SQLite seeks the time index instead of scanning from the top.
            rows = rows.Where(e => e.OccurredAtTicks <= after.OccurredAtTicks)
                .Where(e => e.OccurredAtTicks < after.OccurredAtTicks || (e.OccurredAtTicks == after.OccurredAtTicks && e.Id < after.Id));
        }

        return rows.OrderByDescending(e => e.OccurredAtTicks).ThenByDescending(e => e.Id);
    }

    /// <summary>The most new events <see cref="NewerAsync(EventQuery, long, CancellationToken)"/> reads at once; past it a view reloads its page instead.</summary>
    public const int MaxNewer = 5000;

    /// <summary>
    /// What a live view adds to the page it shows: the events the query selects that were stored after
    /// <paramref name="snapshotId"/> (newest first), and the new snapshot; null when more than <see cref="MaxNewer"/> arrived
    /// (reload the page with <see cref="PageAsync"/> then). It reads by id range in id order, so its cost follows what
    /// arrived, not how much is stored or how costly the filter would be over the whole table (ordered by time, SQLite
    /// could walk the time index from the top through every older row).
    /// </summary>
    public Task<EventPage?> NewerAsync(EventQuery query, long snapshotId, CancellationToken cancellationToken) =>
        NewerAsync(query, snapshotId, null, cancellationToken);

    /// <summary>
    /// <see cref="NewerAsync(EventQuery, long, CancellationToken)"/> up to the stored event <paramref name="upToId"/> (null:
    /// the newest stored now): views that read up to the same snapshot end at the same one, and can share their next read.
    /// </summary>
    public async Task<EventPage?> NewerAsync(EventQuery query, long snapshotId, long? upToId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var read = await ReadSnapshot.BeginAsync(db, cancellationToken).ConfigureAwait(false);
        var snapshot = upToId ?? await db.Events.MaxAsync(e => (long?)e.Id, cancellationToken).ConfigureAwait(false) ?? 0;
        if (snapshot <= snapshotId)
        {
            return new EventPage([], 0, snapshotId);
        }

        var items = await EventFilter.Apply(db, query)
            .Where(e => e.Id > snapshotId && e.Id <= snapshot)
            .OrderByDescending(e => e.Id)
            .Take(MaxNewer + 1)
            .Select(ListItem)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (items.Count > MaxNewer)
        {
            return null;
        }

        var newestFirst = items.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).ToList();
        return new EventPage(newestFirst, newestFirst.Count, snapshot);
    }

    /// <summary>Events the query selects that were stored after <paramref name="snapshotId"/>: what arrived while a view was paused.</summary>
    public async Task<long> CountNewerAsync(EventQuery query, long snapshotId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (EventFilter.ToRollupFilter(query) is { } filter)
        {
            var (from, to) = Range(query);
            return await RollupSql.CountStoredAfterAsync(db, from, to, filter, snapshotId, cancellationToken).ConfigureAwait(false);
        }

        return await EventFilter.Apply(db, query).LongCountAsync(e => e.Id > snapshotId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every event the query selects, oldest first, streamed row by row from one context: no row cap and no
    /// buffering, so an export of millions of rows runs in constant memory.
    /// </summary>
    public async IAsyncEnumerable<ExportRow> StreamAsync(EventQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = EventFilter.Apply(db, query)
            .OrderBy(e => e.OccurredAtTicks).ThenBy(e => e.Id)
            .Select(e => new
            {
                e.Source, e.Tenant, e.ProviderEventId, e.EventType, e.Milestone, e.Outcome, e.OccurredAtTicks, e.ReceivedAtTicks,
                Reasons = e.FailureReasons.Select(r => r.Field + ":" + r.Code + ":" + r.Canonical).ToList(),
                e.PersonKey, e.EmailMasked, e.SessionKey, e.Ip, e.Country, e.City, e.Authenticator, e.IsDemo,
            })
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken)
            .ConfigureAwait(false);
        await foreach (var e in rows)
        {
            yield return new ExportRow(
                e.Source, e.Tenant, e.ProviderEventId, e.EventType, e.Milestone, e.Outcome,
                new DateTimeOffset(e.OccurredAtTicks, TimeSpan.Zero), new DateTimeOffset(e.ReceivedAtTicks, TimeSpan.Zero),
                string.Join(';', e.Reasons), e.PersonKey, e.EmailMasked, e.SessionKey, e.Ip, e.Country, e.City, e.Authenticator, e.IsDemo);
        }
    }

    /// <summary>
    /// How far the free-text backfill has come: while it runs, free text finds the events indexed so far and every new one,
    /// and may miss older ones (see <see cref="Search.SearchIndexBuilder"/>).
    /// </summary>
    public Task<Search.SearchIndexProgress> SearchIndexProgressAsync(CancellationToken cancellationToken) => Search.SearchIndex.ProgressAsync(contexts, cancellationToken);

    /// <summary>When the newest demo event happened (null without any): where a restarted demo's history picks up.</summary>
    public async Task<DateTimeOffset?> NewestDemoEventAtAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // Walks the occurred-at index from the newest end until a demo event: the first one in a demo store.
        var ticks = await db.Events.AsNoTracking().Where(e => e.IsDemo).OrderByDescending(e => e.OccurredAtTicks)
            .Select(e => (long?)e.OccurredAtTicks).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return ticks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;
    }

    public async Task<StoreStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var events = await db.Events.LongCountAsync(cancellationToken).ConfigureAwait(false);
            var pending = await db.Inbox.LongCountAsync(i => i.State == InboxState.Pending, cancellationToken).ConfigureAwait(false);
            var quarantined = await db.Quarantine.LongCountAsync(q => q.ResolvedAtTicks == null, cancellationToken).ConfigureAwait(false);
            var newest = await db.Events.MaxAsync(e => (long?)e.OccurredAtTicks, cancellationToken).ConfigureAwait(false);
            return new StoreStatus(true, events, pending, quarantined, newest is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null, null);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            return new StoreStatus(false, 0, 0, 0, null, ex.GetType().Name);
        }
    }

    public async Task<IReadOnlyList<SourceStateRecord>> GetSourceStatesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.SourceStates.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Per source: newest occurred time, events that occurred in the hour before <paramref name="now"/>, and open quarantine rows.</summary>
    public async Task<IReadOnlyList<SourceActivity>> GetSourceActivityAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hourAgo = now.AddHours(-1).UtcTicks;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var events = await db.Events.AsNoTracking()
            .GroupBy(e => e.Source)
            .Select(g => new { Source = g.Key, Newest = g.Max(e => e.OccurredAtTicks), LastHour = g.Count(e => e.OccurredAtTicks >= hourAgo) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var quarantine = await db.Quarantine.AsNoTracking().Where(q => q.ResolvedAtTicks == null)
            .GroupBy(q => q.Source).Select(g => new { Source = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return Enum.GetValues<EventSource>().Select(source =>
        {
            var e = events.FirstOrDefault(x => x.Source == source);
            return new SourceActivity(
                source,
                e is null ? null : new DateTimeOffset(e.Newest, TimeSpan.Zero),
                e?.LastHour ?? 0,
                quarantine.FirstOrDefault(q => q.Source == source)?.Count ?? 0);
        }).ToList();
    }

    /// <summary>Open quarantine rows, newest first.</summary>
    public async Task<IReadOnlyList<QuarantineRecord>> GetQuarantineAsync(int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Quarantine.AsNoTracking().Where(q => q.ResolvedAtTicks == null)
            .OrderByDescending(q => q.Id).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private static readonly Expression<Func<EventRecord, EventListItem>> ListItem = e => new EventListItem(
        e.Id, e.Source, e.EventType, e.Milestone, e.Outcome, e.ReasonCodes, e.PersonKey, e.EmailMasked,
        e.SessionKey, e.Ip, e.Country, e.Authenticator, new DateTimeOffset(e.OccurredAtTicks, TimeSpan.Zero), e.IsDemo);

    private static async Task<long> CountAsync(AuthEventsDbContext db, EventQuery query, long snapshot, CancellationToken cancellationToken)
    {
        // Everything stored now, less what was stored after the snapshot (nothing, for a fresh one). Counting "id <= snapshot"
        // directly would offer SQLite a rowid range, which it prefers to the time index and then reads the whole table.
        var newest = await db.Events.MaxAsync(e => (long?)e.Id, cancellationToken).ConfigureAwait(false) ?? 0;
        if (EventFilter.ToRollupFilter(query) is not { } filter)
        {
            var events = EventFilter.Apply(db, query);
            var all = await events.LongCountAsync(cancellationToken).ConfigureAwait(false);
            return all - (newest > snapshot ? await events.LongCountAsync(e => e.Id > snapshot, cancellationToken).ConfigureAwait(false) : 0);
        }

        var (from, to) = Range(query);
        var counted = await RollupSql.CountEventsAsync(db, from, to, filter, [], null, cancellationToken).ConfigureAwait(false);
        var newer = newest > snapshot ? await RollupSql.CountStoredAfterAsync(db, from, to, filter, snapshot, cancellationToken).ConfigureAwait(false) : 0;
        return counted.Sum(r => r.Count) - newer;
    }

    private static (long From, long To) Range(EventQuery query) => (query.From?.UtcTicks ?? 0, query.To?.UtcTicks ?? DateTimeOffset.MaxValue.UtcTicks);
}
