using System.Globalization;
using AuthEvents.Core.Alerts;
using AuthEvents.Core.Alerts.Rules;
using AuthEvents.Core.Events;
using AuthEvents.Store.Audit;
using AuthEvents.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Alerts;

/// <summary>
/// The minute's work of the scheduled rules, done by whichever node claims the minute first (under the alert lock):
/// <c>idv-fraud-spike</c> and <c>failure-rate-anomaly</c> on the hourly rollups of the current and the previous hour
/// against the same hour of earlier weeks, <c>source-silent</c> on each source's newest receipt, the automatic resolution
/// of silent sources that deliver again, and pruning of counters whose window has passed.
/// </summary>
/// <remarks>An automatic resolution is audited as user <c>system</c>, in the minute's transaction, when an <see cref="AuditStore"/> is given.</remarks>
public sealed class AlertSchedule(
    IDbContextFactory<AuthEventsDbContext> contexts, StoreWriteGate gate, TimeProvider time, AlertWriterOptions options, AuditStore? audit = null)
{
    /// <summary>How late an event may arrive and still be counted in its minute's window (counters are kept this long past it).</summary>
    public static readonly TimeSpan Lateness = TimeSpan.FromMinutes(5);

    private const string MinuteKey = "schedule.minute";
    private static readonly long Week = TimeSpan.FromDays(7).Ticks;

    /// <summary>Runs the current minute unless another node already has.</summary>
    /// <param name="rules">This node's enabled rules (the scheduled ones run; the counter rules' counters are pruned).</param>
    /// <param name="sources">The sources that deliver (live or simulated), each with whether it is simulated: only they can be silent.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    public async Task<AlertScheduleResult> RunAsync(IReadOnlyList<IAlertRule> rules, IReadOnlyDictionary<EventSource, bool> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(sources);
        using var turn = await gate.EnterAsync(WritePriority.Bulk, cancellationToken).ConfigureAwait(false);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await AdvisoryLocks.TakeForTransactionAsync(db.Database, AdvisoryLocks.Alerts, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var minute = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var claim = await db.Set<AlertStateRecord>().SingleOrDefaultAsync(s => s.Key == MinuteKey, cancellationToken).ConfigureAwait(false);
        if (claim is not null && long.Parse(claim.Value, CultureInfo.InvariantCulture) >= minute.UtcTicks)
        {
            return new AlertScheduleResult(minute, false, [], 0, 0, 0);
        }

        if (claim is null)
        {
            claim = new AlertStateRecord { Key = MinuteKey };
            db.Add(claim);
        }

        claim.Value = minute.UtcTicks.ToString(CultureInfo.InvariantCulture);
        var rows = await db.Set<AlertRuleRecord>().Where(r => r.Mode == AlertRuleMode.Live)
            .ToDictionaryAsync(r => r.RuleId, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        bool IsLive(IAlertRule rule) => rows.TryGetValue(rule.Id, out var row) && row.Fingerprint == RuleFingerprint.Of(rule);

        var writer = await AlertWriter.BeginAsync(db, time, options, cancellationToken).ConfigureAwait(false);
        var oldest = await db.Set<EventRollupRecord>().Where(r => r.Grain == RollupGrain.Hour)
            .MinAsync(r => (long?)r.BucketTicks, cancellationToken).ConfigureAwait(false);
        var resolved = new List<(AlertRecord Alert, AlertStatus From)>();
        foreach (var rule in rules.Where(IsLive))
        {
            switch (rule)
            {
                case IdvFraudSpikeRule idv:
                    await IdvFraudSpikeAsync(db, writer, idv, now, oldest, cancellationToken).ConfigureAwait(false);
                    break;
                case FailureRateAnomalyRule rate:
                    await FailureRateAsync(db, writer, rate, now, oldest, cancellationToken).ConfigureAwait(false);
                    break;
                case SourceSilentRule silent:
                    resolved.AddRange(await SourceSilentAsync(db, writer, silent, now, oldest, sources, cancellationToken).ConfigureAwait(false));
                    break;
                default:
                    continue;
            }

            rows[rule.Id].ScheduledThroughTicks = minute.UtcTicks;
        }

        var pruned = 0;
        foreach (var counter in rules.OfType<ICounterRule>().Where(IsLive))
        {
            pruned += await PruneAsync(db, counter, now, cancellationToken).ConfigureAwait(false);
        }

        await writer.FinishAsync(cancellationToken).ConfigureAwait(false);
        if (audit is not null)
        {
            // After the alert lock (taken first): the audit chain's lock, as every alert change takes them.
            foreach (var (alert, from) in resolved)
            {
                await audit.AppendInAsync(db, new AuditEntry(AlertWriter.SystemActor, AlertWriter.SystemActor, "", AuditActions.AlertStatusChanged,
                    "alert:" + alert.Id.ToString(CultureInfo.InvariantCulture),
                    $"{AlertStore.StatusName(from)}→{AlertStore.StatusName(AlertStatus.Resolved)}; rule={alert.RuleId}; key={alert.AlertKey}; the source delivered again",
                    "", ""), cancellationToken).ConfigureAwait(false);
            }
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new AlertScheduleResult(minute, true, writer.Changed, writer.Opened, resolved.Count, pruned);
    }

    private static DateTimeOffset HourOf(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);

    /// <summary>The current hour (as far as it has gone) and the previous one, whole.</summary>
    private static (DateTimeOffset Hour, double Elapsed)[] Hours(DateTimeOffset now)
    {
        var current = HourOf(now);
        return [(current - TimeSpan.FromHours(1), 1), (current, (now - current).TotalHours)];
    }

    /// <summary>Each hour and the same hour of the previous <paramref name="weeks"/> weeks.</summary>
    private static List<long> Buckets(DateTimeOffset now, int weeks) =>
        Hours(now).SelectMany(h => Enumerable.Range(0, weeks + 1).Select(k => h.Hour.UtcTicks - (k * Week))).Distinct().ToList();

    private sealed record RollupSum(long Bucket, EventSource Source, string Milestone, Outcome Outcome, long Count);

    private static async Task<List<RollupSum>> HourlyAsync(AuthEventsDbContext db, IReadOnlyCollection<long> buckets, EventSource? source, CancellationToken cancellationToken)
    {
        var rows = db.Set<EventRollupRecord>().AsNoTracking().Where(r => r.Grain == RollupGrain.Hour && buckets.Contains(r.BucketTicks));
        if (source is { } s)
        {
            rows = rows.Where(r => r.Source == s);
        }

        var sums = await rows.GroupBy(r => new { r.BucketTicks, r.Source, r.Milestone, r.Outcome })
            .Select(g => new { g.Key.BucketTicks, g.Key.Source, g.Key.Milestone, g.Key.Outcome, Count = g.Sum(r => r.Count) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return sums.Select(r => new RollupSum(r.BucketTicks, r.Source, r.Milestone, r.Outcome, r.Count)).ToList();
    }

    private async Task IdvFraudSpikeAsync(AuthEventsDbContext db, AlertWriter writer, IdvFraudSpikeRule rule, DateTimeOffset now, long? oldest, CancellationToken cancellationToken)
    {
        var settings = (IdvFraudSpikeSettings)rule.Settings;
        var rollups = await HourlyAsync(db, Buckets(now, settings.BaselineWeeks), null, cancellationToken).ConfigureAwait(false);
        var withData = rollups.Select(r => r.Bucket).ToHashSet();
        foreach (var (hour, elapsed) in Hours(now))
        {
            foreach (var key in IdvFraudSpikeRule.Keys)
            {
                HourFigures Figures(long bucket, double part)
                {
                    var count = rollups.Where(r => r.Bucket == bucket && IdvFraudSpikeRule.KeyOf(r.Milestone, r.Outcome) == key).Sum(r => r.Count);
                    return new HourFigures(new DateTimeOffset(bucket, TimeSpan.Zero), part, count, count, withData.Contains(bucket));
                }

                var weeks = Enumerable.Range(1, settings.BaselineWeeks).Select(k => Figures(hour.UtcTicks - (k * Week), 1)).ToList();
                var ready = oldest is { } o && o <= (hour - rule.BaselineMin).UtcTicks;
                if (rule.Decide(key, Figures(hour.UtcTicks, elapsed), weeks, ready) is { } decision)
                {
                    await RaiseAsync(db, writer, rule, decision, e => IdvFraudSpikeRule.KeyOf(e.Milestone, e.Outcome) == key,
                        [Milestones.IdvFraudCheck, Milestones.IdvDeviceRisk, Milestones.IdvDocument, Milestones.IdvDocumentUpload], null, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task FailureRateAsync(AuthEventsDbContext db, AlertWriter writer, FailureRateAnomalyRule rule, DateTimeOffset now, long? oldest, CancellationToken cancellationToken)
    {
        var settings = (FailureRateAnomalySettings)rule.Settings;
        var rollups = await HourlyAsync(db, Buckets(now, settings.BaselineWeeks), null, cancellationToken).ConfigureAwait(false);
        var withData = rollups.Select(r => r.Bucket).ToHashSet();
        var keyed = rollups.Where(r => FailureRateAnomalyRule.IsAttempt(r.Outcome))
            .Select(r => (Key: rule.KeyOf(r.Milestone, r.Source), Row: r)).Where(k => k.Key is not null).ToList();
        foreach (var (hour, elapsed) in Hours(now))
        {
            foreach (var key in keyed.Where(k => k.Row.Bucket == hour.UtcTicks).Select(k => k.Key!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                HourFigures Figures(long bucket, double part)
                {
                    var rows = keyed.Where(k => k.Key == key && k.Row.Bucket == bucket).Select(k => k.Row).ToList();
                    return new HourFigures(new DateTimeOffset(bucket, TimeSpan.Zero), part,
                        rows.Where(r => FailureRateAnomalyRule.IsFailure(r.Outcome)).Sum(r => r.Count), rows.Sum(r => r.Count), withData.Contains(bucket));
                }

                var weeks = Enumerable.Range(1, settings.BaselineWeeks).Select(k => Figures(hour.UtcTicks - (k * Week), 1)).ToList();
                var ready = oldest is { } o && o <= (hour - rule.BaselineMin).UtcTicks;
                if (rule.Decide(key, Figures(hour.UtcTicks, elapsed), weeks, ready) is { } decision)
                {
                    var milestone = key.Split('@')[0];
                    EventSource? source = key.Contains('@', StringComparison.Ordinal) ? Enum.Parse<EventSource>(key.Split('@')[1]) : null;
                    await RaiseAsync(db, writer, rule, decision,
                        e => FailureRateAnomalyRule.IsFailure(e.Outcome) && rule.KeyOf(e.Milestone, e.Source) == key, [milestone], source, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Raises a scheduled decision with the hour's matching events as evidence: newest first, only those after what the
    /// open alert already has, at most the cap. The hour is offered again every minute, so nothing past the cap is counted.
    /// </summary>
    private async Task RaiseAsync(
        AuthEventsDbContext db, AlertWriter writer, IScheduledRule rule, AlertDecision decision, Func<(string Milestone, Outcome Outcome, EventSource Source), bool> matches,
        IReadOnlyList<string> milestones, EventSource? source, CancellationToken cancellationToken)
    {
        var open = await writer.FindOpenAsync(decision.RuleId, decision.Key, cancellationToken).ConfigureAwait(false);
        var from = Math.Max(decision.From.UtcTicks, open is null ? 0 : open.LastSeenTicks + 1);
        var to = decision.To.UtcTicks;
        var events = db.Events.AsNoTracking().Where(e => e.OccurredAtTicks >= from && e.OccurredAtTicks < to && milestones.Contains(e.Milestone)
            && (e.Outcome == Outcome.Failure || e.Outcome == Outcome.RateLimited));
        if (source is { } s)
        {
            events = events.Where(e => e.Source == s);
        }

        var found = await events.OrderByDescending(e => e.OccurredAtTicks).ThenByDescending(e => e.Id)
            .Select(e => new { e.Id, e.OccurredAtTicks, e.Milestone, e.Outcome, e.Source, e.IsDemo })
            .Take(options.EvidencePerAlert * 2)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var evidence = found.Where(e => matches((e.Milestone, e.Outcome, e.Source))).Take(options.EvidencePerAlert)
            .OrderBy(e => e.OccurredAtTicks).ThenBy(e => e.Id).ToList();
        await writer.RaiseAsync(decision, evidence.Select(e => new AlertEvidence(e.Id, new DateTimeOffset(e.OccurredAtTicks, TimeSpan.Zero))).ToList(),
            evidence.Count > 0 && evidence.All(e => e.IsDemo), RuleFingerprint.Of(rule), AlertOrigin.Live, countPastCap: false, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<(AlertRecord Alert, AlertStatus From)>> SourceSilentAsync(
        AuthEventsDbContext db, AlertWriter writer, SourceSilentRule rule, DateTimeOffset now, long? oldest,
        IReadOnlyDictionary<EventSource, bool> sources, CancellationToken cancellationToken)
    {
        var received = await AlertStates.ReceivedAsync(db, cancellationToken).ConfigureAwait(false);
        var resolved = new List<(AlertRecord Alert, AlertStatus From)>();
        var open = await db.Set<AlertRecord>()
            .Where(a => a.RuleId == AlertRuleIds.SourceSilent && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var alert in open)
        {
            if (Enum.TryParse<EventSource>(alert.AlertKey, out var source) && received.TryGetValue(source, out var row) && AlertStates.TicksOf(row) > alert.FirstSeenTicks)
            {
                var again = new DateTimeOffset(AlertStates.TicksOf(row), TimeSpan.Zero);
                resolved.Add((alert, alert.Status));
                writer.AutoResolve(alert, FormattableString.Invariant($"{source} delivered again at {again:yyyy-MM-dd HH:mm:ss} UTC"));
            }
        }

        var hour = HourOf(now);
        var days = Enumerable.Range(1, SourceSilentRule.BaselineDays).Select(d => hour.UtcTicks - (d * TimeSpan.TicksPerDay))
            .Where(b => oldest is { } o && b >= o).ToList();
        var ready = oldest is { } first && first <= (now - rule.BaselineMin).UtcTicks;
        foreach (var (source, simulated) in sources.OrderBy(s => s.Key))
        {
            if (!received.TryGetValue(source, out var row))
            {
                // First seen by the schedule: it counts from now, so an upgrade or a new source raises nothing at once.
                AlertStates.Advance(db, received, source, now.UtcTicks);
                continue;
            }

            var perHour = days.Count == 0 ? 0
                : await db.Set<EventRollupRecord>().Where(r => r.Grain == RollupGrain.Hour && r.Source == source && days.Contains(r.BucketTicks))
                    .SumAsync(r => r.Count, cancellationToken).ConfigureAwait(false) / (double)days.Count;
            if (rule.Decide(source, new DateTimeOffset(AlertStates.TicksOf(row), TimeSpan.Zero), now, perHour, ready) is { } decision)
            {
                await writer.RaiseAsync(decision, [], simulated, RuleFingerprint.Of(rule), AlertOrigin.Live, countPastCap: false, cancellationToken).ConfigureAwait(false);
            }
        }

        return resolved;
    }

    /// <summary>Deletes a counter rule's minutes that no window can reach any more: older than its window and the lateness allowed, before the newest minute it has counted.</summary>
    private static async Task<int> PruneAsync(AuthEventsDbContext db, ICounterRule rule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var newest = await db.Set<AlertCounterRecord>().Where(c => c.RuleId == rule.Id).MaxAsync(c => (long?)c.BucketTicks, cancellationToken).ConfigureAwait(false);
        if (newest is null)
        {
            return 0;
        }

        var span = CounterWindow.MinutesOf(rule.Window) * TimeSpan.TicksPerMinute;
        var cut = Math.Min(newest.Value, now.UtcTicks) - span - Lateness.Ticks;
        return await AlertCounters.DeleteAsync(db, rule.Id, cut, cancellationToken).ConfigureAwait(false);
    }
}
