using System.Globalization;
using AuthEvents.Core.Alerts;
using AuthEvents.Store.Audit;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Alerts;

/// <summary>
/// Analysts' changes of alerts (triage): a status, the assignee, a note. Each is one transaction at the write gate under
/// <see cref="AdvisoryLocks.Alerts"/>, checked against the version the analyst saw, and written with its history row,
/// the next change sequence and its audit row together: a change whose audit row cannot be written is not made.
/// </summary>
public sealed class AlertStore(IDbContextFactory<AuthEventsDbContext> contexts, StoreWriteGate gate, AuditStore audit, TimeProvider time, AlertNotifyPolicy? notify = null)
{
    /// <summary>The alert and its history, or null when there is no such alert.</summary>
    public async Task<AlertWithHistory?> GetAsync(long alertId, CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var alert = await db.Set<AlertRecord>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == alertId, cancellationToken).ConfigureAwait(false);
            if (alert is null)
            {
                return null;
            }

            var history = await db.Set<AlertHistoryRecord>().AsNoTracking().Where(h => h.AlertId == alertId).OrderBy(h => h.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return new AlertWithHistory(alert, history);
        }
    }

    /// <summary>
    /// Makes <paramref name="change"/> to alert <paramref name="alertId"/> if it is still at
    /// <paramref name="expectedVersion"/> and its status allows it: version + 1, the next change sequence, a history row
    /// and an audit row, all in one transaction. A refusal writes nothing and says why.
    /// </summary>
    /// <param name="alertId">The alert.</param>
    /// <param name="expectedVersion">The alert's version as the analyst saw it.</param>
    /// <param name="change">What to change.</param>
    /// <param name="actor">Who changes it.</param>
    /// <param name="cancellationToken">Cancels the change (nothing is written then).</param>
    /// <exception cref="Exception">The audit row (or anything else) could not be written: nothing was changed.</exception>
    public async Task<AlertTriageResult> ChangeAsync(long alertId, int expectedVersion, AlertTriage change, AlertActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(actor);
        if (change.Change == AlertChange.Note && (string.IsNullOrWhiteSpace(change.Text) || change.Text.Length > AlertTriage.NoteLength))
        {
            return new AlertTriageResult(AlertTriageOutcome.Invalid, null, string.IsNullOrWhiteSpace(change.Text)
                ? "A note needs some text."
                : string.Create(CultureInfo.InvariantCulture, $"A note holds at most {AlertTriage.NoteLength:N0} characters."));
        }

        using var turn = await gate.EnterAsync(WritePriority.Prompt, cancellationToken).ConfigureAwait(false);
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            // SQLite: EF begins an IMMEDIATE transaction, which already excludes every other writer. Lock order: alerts, then audit.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await AdvisoryLocks.TakeForTransactionAsync(db.Database, AdvisoryLocks.Alerts, cancellationToken).ConfigureAwait(false);
            var alert = await db.Set<AlertRecord>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == alertId, cancellationToken).ConfigureAwait(false);
            if (alert is null)
            {
                return new AlertTriageResult(AlertTriageOutcome.NotFound, null, "There is no such alert any more.");
            }

            if (alert.Version != expectedVersion)
            {
                return Stale(alert);
            }

            if (await RefusalAsync(db, alert, change, cancellationToken).ConfigureAwait(false) is { } refusal)
            {
                return refusal;
            }

            var now = time.GetUtcNow().UtcTicks;
            var from = alert.Status;
            var to = change.ToStatus ?? from;
            var (assigneeSubject, assigneeName) = change.Change == AlertChange.Assigned
                ? (change.AssigneeSubject, change.AssigneeSubject is null ? null : change.AssigneeName)
                : (alert.AssigneeSubject, alert.AssigneeName);
            var statusChangedAt = to == from ? alert.StatusChangedAtTicks : now;
            var seq = await AlertChangeSequence.NextAsync(db, cancellationToken).ConfigureAwait(false);
            var updated = await db.Set<AlertRecord>().Where(a => a.Id == alertId && a.Version == expectedVersion)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(a => a.Status, to)
                    .SetProperty(a => a.StatusChangedAtTicks, statusChangedAt)
                    .SetProperty(a => a.AssigneeSubject, assigneeSubject)
                    .SetProperty(a => a.AssigneeName, assigneeName)
                    .SetProperty(a => a.UpdatedAtTicks, now)
                    .SetProperty(a => a.ChangeSeq, seq)
                    .SetProperty(a => a.Version, a => a.Version + 1), cancellationToken).ConfigureAwait(false);
            if (updated == 0)
            {
                // Every alert writer holds the lock, so this cannot happen; if it did, the version check still holds.
                return Stale(alert);
            }

            var isStatus = change.ToStatus is not null;
            var history = new AlertHistoryRecord
            {
                AlertId = alertId,
                AtTicks = now,
                Change = change.Change,
                FromStatus = isStatus ? from : null,
                ToStatus = isStatus ? to : null,
                ActorSubject = actor.Subject,
                ActorName = actor.Name,
                Text = change.Change switch
                {
                    AlertChange.Note => change.Text,
                    AlertChange.Assigned => assigneeName ?? assigneeSubject,
                    _ => null,
                },
            };
            db.Add(history);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            if (notify is not null && isStatus)
            {
                // The alert as it is after this change, in the change's transaction: sent once it commits, never if it does not.
                var after = new AlertRecord
                {
                    Id = alert.Id, RuleId = alert.RuleId, AlertKey = alert.AlertKey, KeyKind = alert.KeyKind, KeyLabel = alert.KeyLabel,
                    Severity = alert.Severity, Status = to, AssigneeName = assigneeName, FirstSeenTicks = alert.FirstSeenTicks,
                    LastSeenTicks = alert.LastSeenTicks, Count = alert.Count, Summary = alert.Summary, FiguresJson = alert.FiguresJson, IsDemo = alert.IsDemo,
                };
                AlertOutbox.Enqueue(db, after, history, notify, now);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            var (action, detail) = AuditOf(alert, change, from, to, assigneeSubject, assigneeName);
            await audit.AppendInAsync(db, new AuditEntry(actor.Subject, actor.Name, actor.Roles, action,
                "alert:" + alertId.ToString(CultureInfo.InvariantCulture), detail, actor.ClientIp, actor.UserAgent), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

            alert.Status = to;
            alert.StatusChangedAtTicks = statusChangedAt;
            alert.AssigneeSubject = assigneeSubject;
            alert.AssigneeName = assigneeName;
            alert.UpdatedAtTicks = now;
            alert.ChangeSeq = seq;
            alert.Version++;
            return new AlertTriageResult(AlertTriageOutcome.Changed, alert, null);
        }
    }

    /// <summary>The status's name as pages and the audit trail write it.</summary>
    public static string StatusName(AlertStatus status) => status switch
    {
        AlertStatus.Open => "open",
        AlertStatus.Acknowledged => "acknowledged",
        AlertStatus.Resolved => "resolved",
        AlertStatus.FalsePositive => "false-positive",
        _ => ((int)status).ToString(CultureInfo.InvariantCulture),
    };

    private static AlertTriageResult Stale(AlertRecord alert) =>
        new(AlertTriageOutcome.Stale, alert, "Someone else changed this alert meanwhile; it now shows their change.");

    private static async Task<AlertTriageResult?> RefusalAsync(AuthEventsDbContext db, AlertRecord alert, AlertTriage change, CancellationToken cancellationToken)
    {
        switch (change.Change)
        {
            case AlertChange.Acknowledged when alert.Status != AlertStatus.Open:
            case AlertChange.Resolved or AlertChange.FalsePositive when alert.Status is not (AlertStatus.Open or AlertStatus.Acknowledged):
            case AlertChange.Reopened when alert.Status is not (AlertStatus.Resolved or AlertStatus.FalsePositive):
                return new AlertTriageResult(AlertTriageOutcome.NotAllowed, alert,
                    $"An alert that is {StatusName(alert.Status)} cannot be made {StatusName(change.ToStatus!.Value)}.");
            case AlertChange.Reopened:
                var other = await db.Set<AlertRecord>().AsNoTracking()
                    .Where(a => a.RuleId == alert.RuleId && a.AlertKey == alert.AlertKey && a.Id != alert.Id
                        && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged))
                    .Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                return other is { } id
                    ? new AlertTriageResult(AlertTriageOutcome.ReopenBlocked, alert, string.Create(CultureInfo.InvariantCulture,
                        $"Alert #{id} of the same rule and key is open: work on that one instead."))
                    : null;
            case AlertChange.Assigned when string.Equals(alert.AssigneeSubject, change.AssigneeSubject, StringComparison.Ordinal):
                return new AlertTriageResult(AlertTriageOutcome.NotAllowed, alert,
                    change.AssigneeSubject is null ? "Nobody is assigned to this alert." : "This alert is already assigned to them.");
            default:
                return null;
        }
    }

    private static (string Action, string Detail) AuditOf(
        AlertRecord alert, AlertTriage change, AlertStatus from, AlertStatus to, string? assigneeSubject, string? assigneeName)
    {
        var about = $"rule={alert.RuleId}; key={alert.AlertKey}";
        return change.Change switch
        {
            AlertChange.Assigned => (AuditActions.AlertAssigned, $"{Assignee(alert.AssigneeSubject, alert.AssigneeName)}→{Assignee(assigneeSubject, assigneeName)}; {about}"),
            AlertChange.Note => (AuditActions.AlertNote, string.Create(CultureInfo.InvariantCulture, $"length={change.Text!.Length}; {about}")),
            _ => (AuditActions.AlertStatusChanged, $"{StatusName(from)}→{StatusName(to)}; {about}"),
        };

        static string Assignee(string? subject, string? name) =>
            subject is null ? "nobody" : string.IsNullOrEmpty(name) ? subject : $"{subject} ({name})";
    }
}
