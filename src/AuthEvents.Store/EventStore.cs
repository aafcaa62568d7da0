using System.Data.Common;
using AuthEvents.Core.Events;
using AuthEvents.Store.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AuthEvents.Store;

/// <summary>
/// Writes normalized inbox records in one transaction: new events with their failure reasons, quarantine rows
/// for rejections, and the inbox rows' new state. Events already stored (same source, tenant, provider id) are
/// skipped, so replaying a batch stores nothing twice. The rollups the pages read are updated in the same
/// transaction (see <see cref="RollupWriter"/>).
/// </summary>
public sealed class EventStore(IDbContextFactory<AuthEventsDbContext> contexts, StoreWriteGate gate, TimeProvider time)
{
    public async Task<CommitResult> CommitAsync(IReadOnlyList<NormalizedInboxRecord> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return new CommitResult([], 0, 0);
        }

        using var turn = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        return await WriteAsync(db, tx, batch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes up to <paramref name="limit"/> pending inbox records (half the newest, half the oldest, as
    /// <see cref="InboxStore.GetPendingAsync"/>), turns them into normalized records with <paramref name="normalize"/>
    /// and commits those as <see cref="CommitAsync"/> does. Nothing pending: <paramref name="normalize"/> is not called.
    /// </summary>
    /// <remarks>
    /// On PostgreSQL several nodes drain one inbox: the records are claimed with <c>FOR UPDATE SKIP LOCKED</c> in the
    /// commit's own transaction and normalized while it is open, so another node skips them rather than waiting or
    /// normalizing them again, and a node that dies before its commit leaves them pending. On SQLite (one process)
    /// they are read first and normalized outside the write gate, so webhooks are not held up by normalization.
    /// </remarks>
    public async Task<InboxBatchResult> ProcessPendingAsync(
        int limit,
        Func<IReadOnlyList<InboxRecord>, CancellationToken, Task<IReadOnlyList<NormalizedInboxRecord>>> normalize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(normalize);
        IReadOnlyList<InboxRecord> taken;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            if (db.Database.IsNpgsql())
            {
                return await ClaimAndCommitAsync(db, limit, normalize, cancellationToken).ConfigureAwait(false);
            }

            taken = await InboxStore.PendingAsync(db, limit, cancellationToken).ConfigureAwait(false);
        }

        if (taken.Count == 0)
        {
            return InboxBatchResult.Nothing;
        }

        var normalized = await normalize(taken, cancellationToken).ConfigureAwait(false);
        return new InboxBatchResult(normalized, await CommitAsync(normalized, cancellationToken).ConfigureAwait(false));
    }

    private async Task<InboxBatchResult> ClaimAndCommitAsync(
        AuthEventsDbContext db,
        int limit,
        Func<IReadOnlyList<InboxRecord>, CancellationToken, Task<IReadOnlyList<NormalizedInboxRecord>>> normalize,
        CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var claimed = await InboxStore.ClaimPendingAsync(db, limit, cancellationToken).ConfigureAwait(false);
        if (claimed.Count == 0)
        {
            return InboxBatchResult.Nothing;
        }

        // Normalized before this node's gate and the cross-node commit lock: a decoder that refetches signing keys does
        // not hold up webhooks or other nodes' commits, and the claimed rows are locked against other nodes meanwhile.
        var normalized = await normalize(claimed, cancellationToken).ConfigureAwait(false);
        using var turn = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        return new InboxBatchResult(normalized, await WriteAsync(db, tx, normalized, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Writes <paramref name="batch"/> in <paramref name="tx"/> and commits it; the caller holds its turn at the gate.</summary>
    private async Task<CommitResult> WriteAsync(AuthEventsDbContext db, IDbContextTransaction tx, IReadOnlyList<NormalizedInboxRecord> batch, CancellationToken cancellationToken)
    {
        // Several nodes: one commit at a time across all of them (the lock ends with the transaction). Event ids then
        // become visible in the order they were given, which /live's "newer than the last id" relies on, and the
        // journey index, which rebuilds a person from what is stored, never sees two nodes' halves of one person.
        await AdvisoryLocks.TakeForTransactionAsync(db.Database, AdvisoryLocks.Commit, cancellationToken).ConfigureAwait(false);

        var now = time.GetUtcNow().UtcTicks;

        var inboxIds = batch.Select(b => b.InboxId).ToList();
        // Quarantine rows for this batch exist only when quarantined records are replayed: one indexed range probe spares
        // the 5,000-id lookup (a tenth of a bulk commit's time) in the usual case.
        var (low, high) = (inboxIds.Min(), inboxIds.Max());
        var existingQuarantine = await db.Quarantine.AnyAsync(q => q.InboxId >= low && q.InboxId <= high, cancellationToken).ConfigureAwait(false)
            ? await db.Quarantine.Where(q => inboxIds.Contains(q.InboxId)).ToDictionaryAsync(q => q.InboxId, cancellationToken).ConfigureAwait(false)
            : [];

        var candidates = new List<StoredEvent>(batch.Count);
        var keys = new HashSet<(EventSource, string, string)>();
        var duplicates = 0;
        var quarantined = 0;
        foreach (var item in batch)
        {
            if (item.Event is { } e)
            {
                if (keys.Add((e.Source, e.Tenant, e.ProviderEventId)))
                {
                    candidates.Add(new StoredEvent(EventRecordMapper.ToRecord(e, item.InboxId, item.IsDemo), e));
                }
                else
                {
                    duplicates++;
                }

                if (existingQuarantine.TryGetValue(item.InboxId, out var resolved))
                {
                    resolved.ResolvedAtTicks = now;
                }
            }
            else
            {
                quarantined++;
                if (existingQuarantine.TryGetValue(item.InboxId, out var q))
                {
                    q.Reason = item.RejectionReason ?? "rejected";
                    q.QuarantinedAtTicks = now;
                }
                else
                {
                    db.Quarantine.Add(new QuarantineRecord
                    {
                        InboxId = item.InboxId,
                        Source = item.Source,
                        ProviderEventId = item.ProviderEventId,
                        Reason = item.RejectionReason ?? "rejected",
                        QuarantinedAtTicks = now,
                    });
                }
            }
        }

        // Only quarantine rows are tracked (rare); events and failure reasons go through the batched writer.
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = db.Database.GetDbConnection();
        var transaction = tx.GetDbTransaction();
        var added = await EventBatchWriter.InsertAsync(connection, transaction, candidates, cancellationToken).ConfigureAwait(false);
        duplicates += candidates.Count - added.Count;
        await IndexNewAsync(db, connection, transaction, added, cancellationToken).ConfigureAwait(false);

        // Set-based state changes: loading each inbox row (and its payload) only to flip a column cost more than the insert.
        await MarkInboxAsync(connection, transaction, batch.Where(b => b.Event is not null).Select(b => b.InboxId).ToList(), InboxState.Normalized, now, cancellationToken).ConfigureAwait(false);
        await MarkInboxAsync(connection, transaction, batch.Where(b => b.Event is null).Select(b => b.InboxId).ToList(), InboxState.Quarantined, now, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new CommitResult(added.Select(a => a.Event).ToList(), duplicates, quarantined);
    }

    /// <summary>
    /// Everything derived from the events just inserted, in the commit's <paramref name="transaction"/>.
    /// <paramref name="added"/> holds only the rows the insert reported new, with their ids, so nothing here sees a
    /// duplicate: the free-text index, the rollups and the journey index.
    /// </summary>
    private static async Task IndexNewAsync(AuthEventsDbContext db, DbConnection connection, DbTransaction transaction, List<StoredEvent> added, CancellationToken cancellationToken)
    {
        if (added.Count == 0)
        {
            return;
        }

        await Search.SearchIndex.AddAsync(connection, transaction, added.ConvertAll(a => (a.Record.Id, a.Record)), cancellationToken).ConfigureAwait(false);
        await RollupWriter.AddAsync(connection, transaction, added.Select(a => a.Record).ToList(), cancellationToken).ConfigureAwait(false);
        await Journeys.JourneyIndex.ApplyAsync(db, added, cancellationToken).ConfigureAwait(false);
    }

    // Hand-written: EF's ExecuteUpdate over a 5,000-id list cost more than the events' insert.
    private static Task MarkInboxAsync(DbConnection connection, DbTransaction transaction, List<long> ids, InboxState state, long now, CancellationToken cancellationToken) =>
        BatchSql.ForChunksAsync(connection, transaction, ids,
            "UPDATE inbox SET state = @state, processed_at_ticks = @now WHERE id IN (SELECT column1 FROM (", 1, ") AS v)",
            static (command, at, id) => command.Parameters[at].Value = id,
            command =>
            {
                BatchSql.Set(command, command.Parameters.Count - 2, (int)state);
                BatchSql.Set(command, command.Parameters.Count - 1, now);
                return command.ExecuteNonQueryAsync(cancellationToken);
            }, cancellationToken, "state", "now");
}
