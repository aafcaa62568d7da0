using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Alerts;

/// <summary>What retention removes of the alert tables, inside the caller's transaction.</summary>
internal static class AlertRetention
{
    /// <summary>
    /// Deletes the evidence rows of <paramref name="eventIds"/> (events being deleted) and recounts the evidence kept by the
    /// alerts that had them; their counts of matching events stay, since those events did happen. Returns the rows deleted.
    /// </summary>
    public static async Task<int> RemoveEvidenceAsync(AuthEventsDbContext db, IReadOnlyCollection<long> eventIds, CancellationToken cancellationToken)
    {
        var evidence = db.Set<AlertEvidenceRecord>();
        var alertIds = await evidence.Where(e => eventIds.Contains(e.EventId)).Select(e => e.AlertId).Distinct()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (alertIds.Count == 0)
        {
            return 0;
        }

        var deleted = await evidence.Where(e => eventIds.Contains(e.EventId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Set<AlertRecord>().Where(a => alertIds.Contains(a.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.EvidenceKept, a => evidence.Count(e => e.AlertId == a.Id)), cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    /// <summary>
    /// Deletes up to <paramref name="batchSize"/> alerts last seen before <paramref name="cutoffTicks"/>, whatever their
    /// status, with their evidence, history and outbox rows. Returns how many alerts were taken and the evidence rows deleted.
    /// </summary>
    public static async Task<(int Alerts, int Evidence)> DeleteSeenBeforeAsync(AuthEventsDbContext db, long cutoffTicks, int batchSize, CancellationToken cancellationToken)
    {
        var ids = await db.Set<AlertRecord>().Where(a => a.LastSeenTicks < cutoffTicks).OrderBy(a => a.Id).Select(a => a.Id).Take(batchSize)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (ids.Count == 0)
        {
            return (0, 0);
        }

        var history = db.Set<AlertHistoryRecord>();
        await db.Set<AlertOutboxRecord>().Where(o => history.Any(h => h.Id == o.HistoryId && ids.Contains(h.AlertId)))
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await history.Where(h => ids.Contains(h.AlertId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var evidence = await db.Set<AlertEvidenceRecord>().Where(e => ids.Contains(e.AlertId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Set<AlertRecord>().Where(a => ids.Contains(a.Id)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return (ids.Count, evidence);
    }
}
