using AuthEvents.Core.Events;
using AuthEvents.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store;

/// <summary>
/// Writes normalized inbox records in one transaction: new events with their failure reasons, quarantine rows
/// for rejections, and the inbox rows' new state. Events already stored (same source, tenant, provider id) are
/// skipped, so replaying a batch stores nothing twice.
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
        foreach (var bySource in batch.Where(b => b.Event is not null).GroupBy(b => b.Event!.Source))
        {
            var ids = bySource.Select(b => b.Event!.ProviderEventId).Distinct().ToList();
            var rows = await db.Events.AsNoTracking()
                .Where(e => e.Source == bySource.Key && ids.Contains(e.ProviderEventId))
                .Select(e => new { e.Tenant, e.ProviderEventId })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                keys.Add((bySource.Key, row.Tenant, row.ProviderEventId));
            }
        }

        return keys;
    }
}
