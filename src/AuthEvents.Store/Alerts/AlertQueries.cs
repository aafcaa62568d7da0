using System.Runtime.CompilerServices;
using AuthEvents.Core.Alerts;
using AuthEvents.Store.Queries;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Alerts;

/// <summary>Reads alerts for the /alerts page, the API, the overview tile and the hub.</summary>
public sealed class AlertQueries(IDbContextFactory<AuthEventsDbContext> contexts)
{
    /// <summary>The most alerts one page holds.</summary>
    public const int MaxPage = 500;

    /// <summary>A page of the alerts <paramref name="filter"/> selects, by last seen (newest first), then id.</summary>
    public async Task<AlertPage> PageAsync(AlertFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = Where(db, filter);
        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await query.OrderByDescending(a => a.LastSeenTicks).ThenByDescending(a => a.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxPage))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new AlertPage(rows.Select(AlertRow.From).ToList(), total);
    }

    /// <summary>Every alert <paramref name="filter"/> selects, newest last seen first (for exports).</summary>
    public async IAsyncEnumerable<AlertRow> StreamAsync(AlertFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = Where(db, filter).OrderByDescending(a => a.LastSeenTicks).ThenByDescending(a => a.Id).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return AlertRow.From(row);
        }
    }

    /// <summary>One alert with its history and kept evidence; null when there is none.</summary>
    public async Task<AlertDetail?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var alert = await db.Set<AlertRecord>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
        if (alert is null)
        {
            return null;
        }

        var history = await db.Set<AlertHistoryRecord>().AsNoTracking().Where(h => h.AlertId == id).OrderBy(h => h.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var evidence = await (
                from x in db.Set<AlertEvidenceRecord>().AsNoTracking()
                join e in db.Events.AsNoTracking() on x.EventId equals e.Id
                where x.AlertId == id
                orderby e.OccurredAtTicks, e.Id
                select new { x.Step, e.Id, e.Source, e.EventType, e.Milestone, e.Outcome, e.ReasonCodes, e.PersonKey, e.EmailMasked, e.SessionKey, e.Ip, e.Country, e.Authenticator, e.OccurredAtTicks, e.IsDemo })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new AlertDetail(
            AlertRow.From(alert),
            history.Select(h => new AlertHistoryRow(h.Id, new DateTimeOffset(h.AtTicks, TimeSpan.Zero), h.Change, h.FromStatus, h.ToStatus, h.ActorSubject, h.ActorName, h.Text)).ToList(),
            evidence.Select(e => new AlertEvidenceRow(
                new EventListItem(e.Id, e.Source, e.EventType, e.Milestone, e.Outcome, e.ReasonCodes, e.PersonKey, e.EmailMasked, e.SessionKey, e.Ip, e.Country, e.Authenticator,
                    new DateTimeOffset(e.OccurredAtTicks, TimeSpan.Zero), e.IsDemo), e.Step)).ToList());
    }

    /// <summary>Open and acknowledged alerts by severity (the overview's tile).</summary>
    public async Task<IReadOnlyDictionary<AlertSeverity, int>> OpenBySeverityAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var counts = await db.Set<AlertRecord>().AsNoTracking()
            .Where(a => a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged)
            .GroupBy(a => a.Severity).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return counts.ToDictionary(c => c.Key, c => c.Count);
    }

    /// <summary>Alerts changed after <paramref name="seq"/> (any change: opened, evidence, triage), in change order.</summary>
    public async Task<IReadOnlyList<AlertRow>> ChangedSinceAsync(long seq, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<AlertRecord>().AsNoTracking().Where(a => a.ChangeSeq > seq).OrderBy(a => a.ChangeSeq)
            .Take(Math.Clamp(take, 1, MaxPage)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(AlertRow.From).ToList();
    }

    /// <summary>The newest change sequence number (0 before any alert).</summary>
    public async Task<long> LatestSeqAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Set<AlertRecord>().MaxAsync(a => (long?)a.ChangeSeq, cancellationToken).ConfigureAwait(false) ?? 0;
    }

    /// <summary>The engine's state for health: each rule's mode and cursor, the newest stored event, and how many alerts are open.</summary>
    public async Task<AlertEngineStatus> EngineStatusAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rules = await db.Set<AlertRuleRecord>().AsNoTracking().OrderBy(r => r.RuleId)
            .Select(r => new AlertRuleStatus(r.RuleId, r.Mode, r.CursorEventId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var newest = await db.Events.MaxAsync(e => (long?)e.Id, cancellationToken).ConfigureAwait(false) ?? 0;
        var open = await db.Set<AlertRecord>().CountAsync(a => a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged, cancellationToken).ConfigureAwait(false);
        return new AlertEngineStatus(rules, newest, open);
    }

    /// <summary>The people alerts are or were assigned to (subject and name), for the assignee filter.</summary>
    public async Task<IReadOnlyList<(string Subject, string Name)>> AssigneesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<AlertRecord>().AsNoTracking().Where(a => a.AssigneeSubject != null)
            .Select(a => new { a.AssigneeSubject, a.AssigneeName }).Distinct()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => (r.AssigneeSubject!, r.AssigneeName ?? r.AssigneeSubject!)).DistinctBy(r => r.Item1, StringComparer.Ordinal)
            .OrderBy(r => r.Item2, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static IQueryable<AlertRecord> Where(AuthEventsDbContext db, AlertFilter filter)
    {
        var query = db.Set<AlertRecord>().AsNoTracking();
        if (filter.Rules.Count > 0)
        {
            var rules = filter.Rules.ToList();
            query = query.Where(a => rules.Contains(a.RuleId));
        }

        if (filter.Severities.Count > 0)
        {
            var severities = filter.Severities.ToList();
            query = query.Where(a => severities.Contains(a.Severity));
        }

        if (filter.Statuses.Count > 0)
        {
            var statuses = filter.Statuses.ToList();
            query = query.Where(a => statuses.Contains(a.Status));
        }

        if (filter.Assignee is { Length: 0 })
        {
            query = query.Where(a => a.AssigneeSubject == null);
        }
        else if (filter.Assignee is { } assignee)
        {
            query = query.Where(a => a.AssigneeSubject == assignee);
        }

        if (filter.From is { } from)
        {
            query = query.Where(a => a.LastSeenTicks >= from.UtcTicks);
        }

        if (filter.To is { } to)
        {
            query = query.Where(a => a.LastSeenTicks < to.UtcTicks);
        }

        return query;
    }
}
