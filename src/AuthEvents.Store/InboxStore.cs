using AuthEvents.Core.Events;
using AuthEvents.Store.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

using AuthEvents.Store.Telemetry;

namespace AuthEvents.Store;

/// <summary>
/// The durable inbox. Everything that arrives is written here first, keyed by (source, tenant, provider event id):
/// a redelivery is a no-op. A source's new position (cursor, acks, health) is written in the same transaction.
/// </summary>
/// <remarks>
/// With <see cref="Leases.SourceLeases"/>, a pulled source's position is written only while this node holds its lease
/// (checked in the same transaction): a node that lost it gets <see cref="Leases.SourceLeaseLostException"/> and stores nothing.
/// </remarks>
public sealed class InboxStore(
    IDbContextFactory<AuthEventsDbContext> contexts, StoreWriteGate gate, TimeProvider time, StoreMetrics? metrics = null, Leases.SourceLeases? leases = null)
{
    /// <summary>
    /// Adds the records that are not there yet and, in the same transaction, applies <paramref name="updateSourceState"/>
    /// to the source's state row (created when missing), taking a turn at the write gate with <paramref name="priority"/>.
    /// </summary>
    /// <param name="records">The records to add.</param>
    /// <param name="stateSource">The source whose state row <paramref name="updateSourceState"/> updates.</param>
    /// <param name="updateSourceState">Applied to the source's state row in the same transaction.</param>
    /// <param name="priority"><see cref="WritePriority.Prompt"/> for a caller waiting to answer (a webhook).</param>
    /// <param name="cancellationToken">Cancels the wait for the gate and the write.</param>
    public async Task<InboxWriteResult> AddAsync(
        IReadOnlyList<PendingInboxRecord> records,
        EventSource? stateSource,
        Action<SourceStateRecord>? updateSourceState,
        WritePriority priority,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var turn = await gate.EnterAsync(priority, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AddOnceAsync(records, stateSource, updateSourceState, cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException ex) when (attempt < 3 && UniqueViolation.Is(ex))
            {
                // Another node stored one of these records between our check and our insert (a provider redelivering
                // to two nodes at once): the next attempt sees it stored and counts it as a duplicate.
            }
        }
    }

    private async Task<InboxWriteResult> AddOnceAsync(
        IReadOnlyList<PendingInboxRecord> records,
        EventSource? stateSource,
        Action<SourceStateRecord>? updateSourceState,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (leases is not null && stateSource is { } leased && updateSourceState is not null)
        {
            await leases.FenceAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), leased, cancellationToken).ConfigureAwait(false);
        }

        var added = 0;
        var duplicates = 0;
        var addedBySource = new Dictionary<EventSource, int>();
        foreach (var bySource in records.GroupBy(r => r.Source))
        {
            var addedBefore = added;
            var ids = bySource.Select(r => r.ProviderEventId).Distinct().ToList();
            var existing = await db.Inbox.AsNoTracking()
                .Where(i => i.Source == bySource.Key && ids.Contains(i.ProviderEventId))
                .Select(i => new { i.Tenant, i.ProviderEventId })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var seen = existing.Select(e => (e.Tenant, e.ProviderEventId)).ToHashSet();

            foreach (var record in bySource)
            {
                if (!seen.Add((record.Tenant, record.ProviderEventId)))
                {
                    duplicates++;
                    continue;
                }

                db.Inbox.Add(new InboxRecord
                {
                    Source = record.Source,
                    Tenant = record.Tenant,
                    ProviderEventId = record.ProviderEventId,
                    ReceivedAtTicks = record.ReceivedAt.UtcTicks,
                    Payload = record.ProtectedPayload,
                    IsDemo = record.IsDemo,
                    PayloadFormat = record.PayloadFormat,
                    State = InboxState.Pending,
                });
                added++;
            }

            addedBySource[bySource.Key] = added - addedBefore;
        }

        if (stateSource is { } source && updateSourceState is not null)
        {
            var state = await db.SourceStates.FindAsync([source], cancellationToken).ConfigureAwait(false);
            if (state is null)
            {
                state = new SourceStateRecord { Source = source };
                db.SourceStates.Add(state);
            }

            updateSourceState(state);
            state.EventsReceived += added;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (addedSource, count) in addedBySource)
        {
            metrics?.Received(addedSource, count);
        }

        return new InboxWriteResult(added, duplicates);
    }

    /// <summary>The source's durable position and health, or null before its first contact.</summary>
    public async Task<SourceStateRecord?> GetSourceStateAsync(EventSource source, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.SourceStates.AsNoTracking().FirstOrDefaultAsync(s => s.Source == source, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a failed contact with a source (no secrets in <paramref name="error"/>), without touching its position.</summary>
    public async Task RecordFailureAsync(EventSource source, string error, CancellationToken cancellationToken)
    {
        using var turn = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var state = await db.SourceStates.FindAsync([source], cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            state = new SourceStateRecord { Source = source };
            db.SourceStates.Add(state);
        }

        state.ConsecutiveFailures++;
        state.LastError = error;
        state.LastAttemptAtTicks = time.GetUtcNow().UtcTicks;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Puts quarantined records back in the queue (for example after a normalizer fix). The processor then either
    /// stores their events, which resolves the quarantine rows, or quarantines them again with the current reason.
    /// Replaying twice is harmless: events already stored are skipped. Returns how many records were requeued.
    /// </summary>
    public async Task<int> RequeueQuarantinedAsync(IReadOnlyCollection<long>? inboxIds, CancellationToken cancellationToken)
    {
        using var turn = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var open = db.Quarantine.Where(q => q.ResolvedAtTicks == null);
        if (inboxIds is not null)
        {
            var ids = inboxIds.ToList();
            open = open.Where(q => ids.Contains(q.InboxId));
        }

        var quarantined = await open.ToListAsync(cancellationToken).ConfigureAwait(false);
        var targetIds = quarantined.Select(q => q.InboxId).ToList();
        var rows = await db.Inbox.Where(i => targetIds.Contains(i.Id) && i.State == InboxState.Quarantined)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            row.State = InboxState.Pending;
            row.ProcessedAtTicks = null;
        }

        foreach (var q in quarantined.Where(q => rows.Any(r => r.Id == q.InboxId)))
        {
            q.ReplayCount++;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    /// <summary>How many records wait to be normalized and stored.</summary>
    public async Task<int> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Inbox.CountAsync(i => i.State == InboxState.Pending, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> pending records: half the newest and half the oldest. The newest first keeps
    /// the live view current while a backlog (a backfill, a provider's catch-up) drains; the oldest half means the
    /// backlog always drains too.
    /// </summary>
    public async Task<IReadOnlyList<InboxRecord>> GetPendingAsync(int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await PendingAsync(db, limit, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<IReadOnlyList<InboxRecord>> PendingAsync(AuthEventsDbContext db, int limit, CancellationToken cancellationToken)
    {
        var pending = db.Inbox.AsNoTracking().Where(i => i.State == InboxState.Pending);
        var newest = await pending.OrderByDescending(i => i.Id).Take(limit - (limit / 2))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var oldest = await pending.OrderBy(i => i.Id).Take(limit / 2)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return oldest.Concat(newest).DistinctBy(i => i.Id).OrderBy(i => i.Id).ToList();
    }

    /// <summary>
    /// <see cref="PendingAsync"/> on PostgreSQL, locking what it returns until the caller's transaction ends: records
    /// another transaction holds are skipped, not waited for, so several nodes drain the inbox without sharing a record.
    /// </summary>
    internal static async Task<IReadOnlyList<InboxRecord>> ClaimPendingAsync(AuthEventsDbContext db, int limit, CancellationToken cancellationToken)
    {
        const int Pending = (int)InboxState.Pending;
        var newest = await db.Inbox.FromSql($"SELECT * FROM inbox WHERE state = {Pending} ORDER BY id DESC LIMIT {limit - (limit / 2)} FOR UPDATE SKIP LOCKED")
            .AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        // Rows this transaction already locked are returned again rather than skipped, hence the DistinctBy.
        var oldest = await db.Inbox.FromSql($"SELECT * FROM inbox WHERE state = {Pending} ORDER BY id LIMIT {limit / 2} FOR UPDATE SKIP LOCKED")
            .AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return oldest.Concat(newest).DistinctBy(i => i.Id).OrderBy(i => i.Id).ToList();
    }
}
