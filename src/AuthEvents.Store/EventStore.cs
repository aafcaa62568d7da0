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
        var now = time.GetUtcNow().UtcTicks;

        var inboxIds = batch.Select(b => b.InboxId).ToList();
        var existingQuarantine = await db.Quarantine.Where(q => inboxIds.Contains(q.InboxId)).ToDictionaryAsync(q => q.InboxId, cancellationToken).ConfigureAwait(false);
        var stored = await ExistingEventKeysAsync(db, batch, cancellationToken).ConfigureAwait(false);

        var newEvents = new List<AuthEvent>();
        var added = new List<(EventRecord, AuthEvent)>();
        var duplicates = 0;
        var quarantined = 0;
        foreach (var item in batch)
        {
            if (item.Event is { } e)
            {
                if (stored.Add((e.Source, e.Tenant, e.ProviderEventId)))
                {
                    var record = EventRecordMapper.ToRecord(e, item.InboxId, item.IsDemo);
                    db.Events.Add(record);
                    added.Add((record, e));
                    newEvents.Add(e);
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

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        // SEARCH HOOK (branch search): index the inserted events in this transaction. Moves into the batched writer at merge.
        await Search.SearchIndex.AddAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), added.ConvertAll(a => (a.Item1.Id, a.Item1)), cancellationToken).ConfigureAwait(false);
        // Only the events inserted above are counted: a duplicate that was skipped must not inflate the rollups.
        await RollupWriter.AddAsync(db, added.Select(a => a.Item1).ToList(), cancellationToken).ConfigureAwait(false);
        await Journeys.JourneyIndex.ApplyAsync(db, added, cancellationToken).ConfigureAwait(false);
        // Set-based state changes: loading each inbox row (and its payload) only to flip a column cost more than the insert.
        await MarkInboxAsync(db, batch.Where(b => b.Event is not null).Select(b => b.InboxId).ToList(), InboxState.Normalized, now, cancellationToken).ConfigureAwait(false);
        await MarkInboxAsync(db, batch.Where(b => b.Event is null).Select(b => b.InboxId).ToList(), InboxState.Quarantined, now, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new CommitResult(newEvents, duplicates, quarantined);
    }

    private static async Task MarkInboxAsync(AuthEventsDbContext db, List<long> ids, InboxState state, long now, CancellationToken cancellationToken)
    {
        if (ids.Count > 0)
        {
            await db.Inbox.Where(i => ids.Contains(i.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.State, state).SetProperty(i => i.ProcessedAtTicks, now), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static async Task<HashSet<(EventSource, string, string)>> ExistingEventKeysAsync(
        AuthEventsDbContext db, IReadOnlyList<NormalizedInboxRecord> batch, CancellationToken cancellationToken)
    {
        var keys = new HashSet<(EventSource, string, string)>();
        // Source and tenant both go into the lookup: with the tenant left out, SQLite can use only the source
        // prefix of the unique index and scans every stored event of that source on each commit.
        foreach (var group in batch.Where(b => b.Event is not null).GroupBy(b => (b.Event!.Source, b.Event.Tenant)))
        {
            var (source, tenant) = group.Key;
            var ids = group.Select(b => b.Event!.ProviderEventId).Distinct().ToList();
            var rows = await db.Events.AsNoTracking()
                .Where(e => e.Source == source && e.Tenant == tenant && ids.Contains(e.ProviderEventId))
                .Select(e => e.ProviderEventId)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var id in rows)
            {
                keys.Add((source, tenant, id));
            }
        }

        return keys;
    }
}
