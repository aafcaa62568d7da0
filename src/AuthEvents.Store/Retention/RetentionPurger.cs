using System.Globalization;
using AuthEvents.Store.Alerts;
using AuthEvents.Store.Audit;
using AuthEvents.Store.Entities;
using AuthEvents.Store.Journeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Store.Retention;

/// <summary>
/// One retention run for a cutoff. Events that occurred before it are deleted oldest first, a batch per turn at the write
/// gate (bulk priority, so a webhook waits for one batch at most), each batch in one transaction with what derives from
/// them: failure reasons, free-text index rows, inbox payloads and their quarantine rows, rollup counts, journey rows and alert
/// evidence. Then alerts last seen before the cutoff go (any status) with their evidence, history and outbox rows, and
/// processed inbox rows received before the cutoff with their quarantine rows; a pending one never does. A run that deleted
/// anything appends one audit row with the counts. Audit rows, also those about deleted alerts, are never deleted.
/// </summary>
public sealed partial class RetentionPurger(
    IDbContextFactory<AuthEventsDbContext> contexts, StoreWriteGate gate, AuditStore audit, TimeProvider time, ILogger<RetentionPurger> logger)
{
    public const int DefaultBatchSize = 500;

    public const string AuditSubject = "system";
    public const string AuditUserName = "Retention";

    // A run stopped by shutdown has deleted what it committed: that is still audited, within this grace.
    private static readonly TimeSpan AuditGrace = TimeSpan.FromSeconds(10);

    /// <summary>Events (or inbox rows) per transaction.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Deletes what is older than <paramref name="cutoff"/>; returns what went. A failure is thrown after auditing what was deleted before it.</summary>
    public async Task<RetentionResult> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        var total = RetentionResult.Nothing;
        try
        {
            while (true)
            {
                var (taken, deleted) = await DeleteEventsAsync(cutoff.UtcTicks, cancellationToken).ConfigureAwait(false);
                total += deleted;
                if (taken < BatchSize)
                {
                    break;
                }
            }

            while (true)
            {
                var (taken, deleted) = await DeleteAlertsAsync(cutoff.UtcTicks, cancellationToken).ConfigureAwait(false);
                total += deleted;
                if (taken < BatchSize)
                {
                    break;
                }
            }

            long afterId = 0;
            while (true)
            {
                var candidates = await OldInboxRowsAsync(cutoff.UtcTicks, afterId, cancellationToken).ConfigureAwait(false);
                if (candidates.Count > 0)
                {
                    total += await DeleteInboxRowsAsync(candidates, cancellationToken).ConfigureAwait(false);
                }

                if (candidates.Count < BatchSize)
                {
                    break;
                }

                afterId = candidates[^1];
            }
        }
        catch (Exception ex) when (total.DeletedAnything)
        {
            using var grace = new CancellationTokenSource(AuditGrace, time);
            await AuditAsync(cutoff, total, ex.GetType().Name, grace.Token).ConfigureAwait(false);
            throw;
        }

        if (total.DeletedAnything)
        {
            await AuditAsync(cutoff, total, null, cancellationToken).ConfigureAwait(false);
        }

        return total;
    }

    private async Task<(int Taken, RetentionResult Deleted)> DeleteEventsAsync(long cutoff, CancellationToken cancellationToken)
    {
        using var turn = await gate.EnterAsync(WritePriority.Bulk, cancellationToken).ConfigureAwait(false);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Evidence rows go with their events, and alerts' evidence counts change: one alert writer at a time across nodes.
        await AdvisoryLocks.TakeForTransactionAsync(db.Database, AdvisoryLocks.Alerts, cancellationToken).ConfigureAwait(false);
        var events = await db.Events.AsNoTracking()
            .Where(e => e.OccurredAtTicks < cutoff)
            .OrderBy(e => e.OccurredAtTicks).ThenBy(e => e.Id)
            .Take(BatchSize)
            .Include(e => e.FailureReasons)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = events.Select(e => e.Id).ToList();
        var reasons = 0;
        var rollups = 0;
        var journey = (Events: 0, People: 0);
        var evidence = 0;
        if (ids.Count > 0)
        {
            reasons = await db.FailureReasons.Where(r => ids.Contains(r.EventId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.Events.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await Search.SearchIndex.RemoveAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), ids, cancellationToken).ConfigureAwait(false);
            rollups = await RollupWriter.SubtractAsync(db, events, cancellationToken).ConfigureAwait(false);
            journey = await JourneyIndex.RemoveAsync(db, ids, cancellationToken).ConfigureAwait(false);
            evidence = await AlertRetention.RemoveEvidenceAsync(db, ids, cancellationToken).ConfigureAwait(false);
        }

        var (inbox, quarantine) = await DeleteProcessedInboxAsync(db, events.Select(e => e.InboxId).Distinct().ToList(), cancellationToken).ConfigureAwait(false);
        if (events.Count < BatchSize)
        {
            // The last batch: no event before the cutoff is left in this transaction, so no rollup bucket before it may be either.
            rollups += await RollupWriter.DeleteBucketsBeforeAsync(db, cutoff, cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (events.Count, new RetentionResult(ids.Count, reasons, inbox, quarantine, rollups, journey.Events, journey.People, evidence, 0));
    }

    private async Task<(int Taken, RetentionResult Deleted)> DeleteAlertsAsync(long cutoff, CancellationToken cancellationToken)
    {
        using var turn = await gate.EnterAsync(WritePriority.Bulk, cancellationToken).ConfigureAwait(false);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await AdvisoryLocks.TakeForTransactionAsync(db.Database, AdvisoryLocks.Alerts, cancellationToken).ConfigureAwait(false);
        var (alerts, evidence) = await AlertRetention.DeleteSeenBeforeAsync(db, cutoff, BatchSize, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (alerts, RetentionResult.Nothing with { AlertEvidence = evidence, Alerts = alerts });
    }

    /// <summary>Read outside the gate: the scan may be long when nothing is left to delete, and a read does not hold up writers.</summary>
    private async Task<List<long>> OldInboxRowsAsync(long cutoff, long afterId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Inbox.AsNoTracking()
            .Where(i => i.Id > afterId && i.State != InboxState.Pending && i.ReceivedAtTicks < cutoff)
            .OrderBy(i => i.Id)
            .Select(i => i.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<RetentionResult> DeleteInboxRowsAsync(List<long> candidates, CancellationToken cancellationToken)
    {
        using var turn = await gate.EnterAsync(WritePriority.Bulk, cancellationToken).ConfigureAwait(false);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var (inbox, quarantine) = await DeleteProcessedInboxAsync(db, candidates, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return RetentionResult.Nothing with { InboxRows = inbox, QuarantineRows = quarantine };
    }

    /// <summary>
    /// Deletes those of <paramref name="inboxIds"/> that are not pending (checked again here, under the gate: a replay may
    /// have queued one since it was chosen), with their quarantine rows: a quarantine row without its payload cannot be replayed.
    /// </summary>
    private static async Task<(int Inbox, int Quarantine)> DeleteProcessedInboxAsync(AuthEventsDbContext db, List<long> inboxIds, CancellationToken cancellationToken)
    {
        if (inboxIds.Count == 0)
        {
            return (0, 0);
        }

        var processed = await db.Inbox.AsNoTracking().Where(i => inboxIds.Contains(i.Id) && i.State != InboxState.Pending).Select(i => i.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (processed.Count == 0)
        {
            return (0, 0);
        }

        var quarantine = await db.Quarantine.Where(q => processed.Contains(q.InboxId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var inbox = await db.Inbox.Where(i => processed.Contains(i.Id)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return (inbox, quarantine);
    }

    private async Task AuditAsync(DateTimeOffset cutoff, RetentionResult deleted, string? failure, CancellationToken cancellationToken)
    {
        var target = "events before " + cutoff.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var detail = deleted.Describe() + (failure is null ? "" : "; stopped early: " + failure);
        try
        {
            await audit.AppendAsync(new AuditEntry(AuditSubject, AuditUserName, "", AuditActions.Retention, target, detail, "", ""), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (failure is not null)
        {
            // Already failing: the run's own failure is the one thrown; this one is only logged.
            LogAuditFailed(logger, ex.GetType().Name, detail);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention could not audit a run that failed part way ({ExceptionType}); it had deleted {Deleted}")]
    private static partial void LogAuditFailed(ILogger logger, string exceptionType, string deleted);
}
