using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuthEvents.Core.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AuthEvents.Store.Alerts;

/// <summary>
/// Raises and updates alerts inside the caller's transaction, which holds <see cref="AdvisoryLocks.Alerts"/> on PostgreSQL
/// (and the write gate): one open alert per rule and key, evidence linked once, history rows for meaningful changes only,
/// and every change stamped with the next <c>change_seq</c>. <see cref="FinishAsync"/> saves.
/// </summary>
public sealed class AlertWriter
{
    /// <summary>The actor of changes a rule makes.</summary>
    public const string SystemActor = "system";

    private const string SeqKey = "seq";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private readonly AuthEventsDbContext _db;
    private readonly AlertWriterOptions _options;
    private readonly long _now;
    private readonly Dictionary<(string Rule, string Key), AlertRecord?> _open = [];
    private readonly HashSet<long> _changed = [];
    private readonly List<(AlertRecord Alert, AlertHistoryRecord History)> _pending = [];
    private readonly AlertStateRecord _seq;

    private AlertWriter(AuthEventsDbContext db, AlertWriterOptions options, long now, AlertStateRecord seq)
    {
        _db = db;
        _options = options;
        _now = now;
        _seq = seq;
    }

    /// <summary>The alerts this writer opened or changed.</summary>
    public IReadOnlyCollection<long> Changed => _changed;

    /// <summary>Alerts opened by this writer.</summary>
    public int Opened { get; private set; }

    /// <summary>Starts a writer on <paramref name="db"/>'s current transaction.</summary>
    public static async Task<AlertWriter> BeginAsync(AuthEventsDbContext db, TimeProvider time, AlertWriterOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        var seq = await db.Set<AlertStateRecord>().SingleOrDefaultAsync(s => s.Key == SeqKey, cancellationToken).ConfigureAwait(false);
        if (seq is null)
        {
            seq = new AlertStateRecord { Key = SeqKey, Value = "0" };
            db.Add(seq);
        }

        return new AlertWriter(db, options, time.GetUtcNow().UtcTicks, seq);
    }

    /// <summary>The open or acknowledged alert of <paramref name="ruleId"/> and <paramref name="key"/>, if any.</summary>
    public async Task<AlertRecord?> FindOpenAsync(string ruleId, string key, CancellationToken cancellationToken)
    {
        if (_open.TryGetValue((ruleId, key), out var known))
        {
            return known;
        }

        var alert = await _db.Set<AlertRecord>()
            .Where(a => a.RuleId == ruleId && a.AlertKey == key && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged))
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        _open[(ruleId, key)] = alert;
        return alert;
    }

    /// <summary>
    /// Raises <paramref name="decision"/>: adds to the open alert of its rule and key; else, silently, to one marked false
    /// positive within <see cref="AlertWriterOptions.FalsePositiveQuiet"/>; else opens a new alert with its evidence.
    /// </summary>
    /// <param name="decision">The rule's decision.</param>
    /// <param name="evidence">The evidence to link, oldest first (the decision's, or more found for it).</param>
    /// <param name="allDemo">True when every evidence event is demo data.</param>
    /// <param name="fingerprint">The rule's fingerprint (<see cref="RuleFingerprint"/>).</param>
    /// <param name="origin">Live evaluation or re-evaluation of history.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The alert the decision went to.</returns>
    public async Task<AlertRecord> RaiseAsync(
        AlertDecision decision, IReadOnlyList<AlertEvidence> evidence, bool allDemo, string fingerprint, AlertOrigin origin, CancellationToken cancellationToken) =>
        await RaiseAsync(decision, evidence, allDemo, fingerprint, origin, countPastCap: true, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// <see cref="RaiseAsync(AlertDecision, IReadOnlyList{AlertEvidence}, bool, string, AlertOrigin, CancellationToken)"/>;
    /// with <paramref name="countPastCap"/> false, evidence past the cap is not counted, for rules that offer the same
    /// events again on later runs (the scheduled rules read an hour's failures every minute).
    /// </summary>
    public async Task<AlertRecord> RaiseAsync(
        AlertDecision decision, IReadOnlyList<AlertEvidence> evidence, bool allDemo, string fingerprint, AlertOrigin origin, bool countPastCap,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(evidence);
        if (await FindOpenAsync(decision.RuleId, decision.Key, cancellationToken).ConfigureAwait(false) is { } open)
        {
            await AttachAsync(open, evidence, allDemo, decision, countPastCap, cancellationToken).ConfigureAwait(false);
            return open;
        }

        var quietSince = _now - _options.FalsePositiveQuiet.Ticks;
        var cleared = await _db.Set<AlertRecord>()
            .Where(a => a.RuleId == decision.RuleId && a.AlertKey == decision.Key && a.Status == AlertStatus.FalsePositive && a.StatusChangedAtTicks >= quietSince)
            .OrderByDescending(a => a.StatusChangedAtTicks).ThenByDescending(a => a.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (cleared is not null)
        {
            await AttachAsync(cleared, evidence, allDemo, decision, countPastCap, cancellationToken).ConfigureAwait(false);
            return cleared;
        }

        var alert = new AlertRecord
        {
            RuleId = decision.RuleId,
            AlertKey = decision.Key,
            KeyKind = decision.KeyKind,
            KeyLabel = decision.Label,
            Severity = decision.Severity,
            Status = AlertStatus.Open,
            FirstSeenTicks = evidence.Count == 0 ? decision.From.UtcTicks : evidence.Min(e => e.OccurredAt.UtcTicks),
            LastSeenTicks = evidence.Count == 0 ? decision.To.UtcTicks : evidence.Max(e => e.OccurredAt.UtcTicks),
            OpenedAtTicks = _now,
            UpdatedAtTicks = _now,
            StatusChangedAtTicks = _now,
            Summary = decision.Summary,
            FiguresJson = Merge("{}", decision.Figures),
            IsDemo = allDemo,
            Origin = origin,
            RuleFingerprint = fingerprint,
            ChangeSeq = NextSeq(),
        };
        _db.Add(alert);
        await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        _open[(decision.RuleId, decision.Key)] = alert;
        var (inserted, overflow) = await LinkAsync(alert, evidence, cancellationToken).ConfigureAwait(false);
        alert.EvidenceKept = inserted;
        alert.Count = inserted + (countPastCap ? overflow : 0);
        _pending.Add((alert, Add(new AlertHistoryRecord
        {
            AlertId = alert.Id,
            AtTicks = _now,
            Change = AlertChange.Opened,
            ToStatus = AlertStatus.Open,
            ActorSubject = SystemActor,
            ActorName = SystemActor,
        })));
        _changed.Add(alert.Id);
        Opened++;
        return alert;
    }

    /// <summary>
    /// Adds <paramref name="evidence"/> to <paramref name="alert"/> (whatever its status): links what fits under the cap,
    /// counts every new event, widens first and last seen; with a <paramref name="decision"/>, also takes its summary and
    /// figures (peaks kept) and raises the severity (an <see cref="AlertChange.Escalated"/> history row) when it is higher.
    /// Evidence already linked is not counted again.
    /// </summary>
    public Task AttachAsync(AlertRecord alert, IReadOnlyList<AlertEvidence> evidence, bool allDemo, AlertDecision? decision, CancellationToken cancellationToken) =>
        AttachAsync(alert, evidence, allDemo, decision, countPastCap: true, cancellationToken);

    /// <summary><see cref="AttachAsync(AlertRecord, IReadOnlyList{AlertEvidence}, bool, AlertDecision?, CancellationToken)"/>, counting evidence past the cap only when <paramref name="countPastCap"/>.</summary>
    public async Task AttachAsync(
        AlertRecord alert, IReadOnlyList<AlertEvidence> evidence, bool allDemo, AlertDecision? decision, bool countPastCap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(evidence);
        var (inserted, overflow) = await LinkAsync(alert, evidence, cancellationToken).ConfigureAwait(false);
        overflow = countPastCap ? overflow : 0;
        var changed = inserted + overflow > 0;
        if (changed)
        {
            var linked = evidence.Count == 0 ? [] : evidence;
            alert.Count += inserted + overflow;
            alert.EvidenceKept += inserted;
            alert.FirstSeenTicks = Math.Min(alert.FirstSeenTicks, linked.Min(e => e.OccurredAt.UtcTicks));
            alert.LastSeenTicks = Math.Max(alert.LastSeenTicks, linked.Max(e => e.OccurredAt.UtcTicks));
            alert.IsDemo &= allDemo;
        }

        if (decision is not null)
        {
            var figures = Merge(alert.FiguresJson, decision.Figures);
            changed |= figures != alert.FiguresJson || decision.Summary != alert.Summary;
            alert.FiguresJson = figures;
            alert.Summary = decision.Summary;
            if (decision.Label is not null)
            {
                alert.KeyLabel = decision.Label;
            }

            if (decision.Severity > alert.Severity && alert.Status is AlertStatus.Open or AlertStatus.Acknowledged)
            {
                _pending.Add((alert, Add(new AlertHistoryRecord
                {
                    AlertId = alert.Id,
                    AtTicks = _now,
                    Change = AlertChange.Escalated,
                    ActorSubject = SystemActor,
                    ActorName = SystemActor,
                    Text = decision.Severity.ToString(),
                })));
                alert.Severity = decision.Severity;
                changed = true;
            }
        }

        if (changed)
        {
            alert.UpdatedAtTicks = _now;
            alert.ChangeSeq = NextSeq();
            _changed.Add(alert.Id);
        }
    }

    /// <summary>
    /// Resolves <paramref name="alert"/> on the rule's behalf (a silent source delivering again): status, version, an
    /// <see cref="AlertChange.AutoResolved"/> history row by <see cref="SystemActor"/> with <paramref name="reason"/>.
    /// </summary>
    /// <returns>The history row (saved with the run).</returns>
    public AlertHistoryRecord AutoResolve(AlertRecord alert, string reason)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var history = new AlertHistoryRecord
        {
            AlertId = alert.Id,
            AtTicks = _now,
            Change = AlertChange.AutoResolved,
            FromStatus = alert.Status,
            ToStatus = AlertStatus.Resolved,
            ActorSubject = SystemActor,
            ActorName = SystemActor,
            Text = reason,
        };
        _pending.Add((alert, Add(history)));
        alert.Status = AlertStatus.Resolved;
        alert.StatusChangedAtTicks = _now;
        alert.UpdatedAtTicks = _now;
        alert.Version++;
        alert.ChangeSeq = NextSeq();
        _open[(alert.RuleId, alert.AlertKey)] = null;
        _changed.Add(alert.Id);
        return history;
    }

    /// <summary>
    /// Saves the run's alert changes and the change sequence, then enqueues the notifications of its history rows (they
    /// need their ids, and the alert as it ends the run) in the same transaction.
    /// </summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (_pending.Count == 0)
        {
            return;
        }

        foreach (var (alert, history) in _pending)
        {
            AlertOutbox.Enqueue(_db, alert, history, _options.Notify, _now);
        }

        _pending.Clear();
        await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private AlertHistoryRecord Add(AlertHistoryRecord history)
    {
        _db.Add(history);
        return history;
    }

    private long NextSeq()
    {
        var next = long.Parse(_seq.Value, CultureInfo.InvariantCulture) + 1;
        _seq.Value = next.ToString(CultureInfo.InvariantCulture);
        return next;
    }

    /// <summary>Links evidence rows up to the cap; returns the rows inserted and the events past the cap.</summary>
    private async Task<(int Inserted, int Overflow)> LinkAsync(AlertRecord alert, IReadOnlyList<AlertEvidence> evidence, CancellationToken cancellationToken)
    {
        var fresh = evidence.DistinctBy(e => e.EventId).ToList();
        if (fresh.Count == 0)
        {
            return (0, 0);
        }

        var room = Math.Max(0, _options.EvidencePerAlert - alert.EvidenceKept);
        var linked = fresh.Take(room).ToList();
        var inserted = 0;
        if (linked.Count > 0)
        {
            await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await BatchSql.ForChunksAsync(_db.Database.GetDbConnection(), _db.Database.CurrentTransaction?.GetDbTransaction(), linked,
                "INSERT INTO alert_evidence (alert_id, event_id, step)", 3, "ON CONFLICT DO NOTHING",
                (command, at, e) =>
                {
                    BatchSql.Set(command, at, alert.Id);
                    BatchSql.Set(command, at + 1, e.EventId);
                    BatchSql.Set(command, at + 2, e.Step);
                },
                async command => inserted += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }

        // Past the cap nothing tells an event seen before from a new one; the live path reads each event once.
        return (inserted, fresh.Count - linked.Count);
    }

    /// <summary>Merges figures into a JSON object: numbers keep their peak, anything else takes the new value.</summary>
    internal static string Merge(string json, IReadOnlyDictionary<string, object> figures)
    {
        var target = JsonNode.Parse(json) as JsonObject ?? [];
        foreach (var (name, value) in figures.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var node = JsonSerializer.SerializeToNode(value, value.GetType(), Json);
            if (node is JsonValue incoming && incoming.TryGetValue<double>(out var number)
                && target[name] is JsonValue existing && existing.TryGetValue<double>(out var before) && before > number)
            {
                continue;
            }

            target[name] = node;
        }

        return target.ToJsonString(Json);
    }
}
