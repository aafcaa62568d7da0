using System.Net;
using AuthEvents.Core.Alerts;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Alerts;

/// <summary>
/// Evaluates the live rules over the events stored since their cursors, one transaction per run: the write gate, then on
/// PostgreSQL <see cref="AdvisoryLocks.Alerts"/>, so any number of nodes evaluate one at a time and never open an alert
/// twice. Counter rules (the IP-keyed ones) keep their windows in <c>alert_counters</c>; person rules read theirs from the
/// journey index. A run that fails leaves the cursors where they were, so nothing is lost or counted twice when it is
/// retried.
/// </summary>
public sealed class AlertEngine(IDbContextFactory<AuthEventsDbContext> contexts, StoreWriteGate gate, TimeProvider time, AlertWriterOptions options)
{
    /// <summary>Events read per run.</summary>
    public const int PageSize = 2000;

    /// <summary>The most events read to find an alert's evidence when its key is not one address (a tenant, an IPv6 subnet).</summary>
    public const int WindowScanLimit = 100_000;

    /// <summary>The most events of one person read for a person rule's window.</summary>
    public const int PersonWindowLimit = 10_000;

    /// <summary>The most events of one person read as history (the takeover chain's novelty check).</summary>
    public const int PersonHistoryLimit = 50_000;

    /// <summary>
    /// Brings <c>alert_rules</c> in line with this node's rules before it evaluates. A rule seen for the first time starts
    /// from the first event stored within <see cref="AlertWriterOptions.NewRuleHistory"/> of now, so a new install or a new
    /// rule evaluates recent history (in the background, like new events). A rule whose settings or logic changed
    /// (<see cref="RuleFingerprint"/>) starts from the newest stored event with its counters emptied: its alerts, with their
    /// counts, stay as they are. A disabled rule is marked so and its counters deleted.
    /// </summary>
    /// <param name="rules">The enabled rules.</param>
    /// <param name="disabled">The ids of rules that are switched off.</param>
    /// <param name="node">This node's name, recorded on the rows it changes.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The ids of the rules that (re)started.</returns>
    public async Task<IReadOnlyList<string>> PrepareAsync(IReadOnlyList<IAlertRule> rules, IReadOnlyCollection<string> disabled, string node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(disabled);
        using var turn = await gate.EnterAsync(WritePriority.Bulk, cancellationToken).ConfigureAwait(false);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await AdvisoryLocks.TakeForTransactionAsync(db.Database, AdvisoryLocks.Alerts, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcTicks;
        var newest = await db.Events.MaxAsync(e => (long?)e.Id, cancellationToken).ConfigureAwait(false) ?? 0;
        var rows = await db.Set<AlertRuleRecord>().ToDictionaryAsync(r => r.RuleId, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        long? historyStart = null;
        if (options.NewRuleHistory is { } history && rules.Any(r => !rows.ContainsKey(r.Id)))
        {
            var since = (time.GetUtcNow() - history).UtcTicks;
            historyStart = await db.Events.Where(e => e.OccurredAtTicks >= since).MinAsync(e => (long?)e.Id, cancellationToken).ConfigureAwait(false);
        }

        var started = new List<string>();
        foreach (var rule in rules)
        {
            var fingerprint = RuleFingerprint.Of(rule);
            if (rows.TryGetValue(rule.Id, out var row) && row.Mode == AlertRuleMode.Live && row.Fingerprint == fingerprint)
            {
                continue;
            }

            var cursor = newest;
            if (row is null)
            {
                row = new AlertRuleRecord { RuleId = rule.Id };
                db.Add(row);
                cursor = historyStart is { } first ? first - 1 : newest;
            }
            else
            {
                await AlertCounters.DeleteAsync(db, rule.Id, null, cancellationToken).ConfigureAwait(false);
            }

            row.Fingerprint = fingerprint;
            row.Mode = AlertRuleMode.Live;
            row.CursorEventId = cursor;
            row.UpdatedAtTicks = now;
            row.UpdatedByNode = node;
            started.Add(rule.Id);
        }

        foreach (var id in disabled)
        {
            if (rows.TryGetValue(id, out var row) && row.Mode != AlertRuleMode.Disabled)
            {
                await AlertCounters.DeleteAsync(db, id, null, cancellationToken).ConfigureAwait(false);
                row.Mode = AlertRuleMode.Disabled;
                row.UpdatedAtTicks = now;
                row.UpdatedByNode = node;
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return started;
    }

    /// <summary>
    /// One run: the events after the live rules' cursors (at most <see cref="PageSize"/>), each rule in
    /// <see cref="AlertRuleIds.All"/> order over those after its own cursor, alerts raised and updated, cursors moved.
    /// A rule evaluates only while its stored fingerprint is this node's: a node with other settings leaves it alone.
    /// </summary>
    public async Task<AlertRunResult> EvaluateAsync(IReadOnlyList<IAlertRule> rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        using var turn = await gate.EnterAsync(WritePriority.Bulk, cancellationToken).ConfigureAwait(false);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await AdvisoryLocks.TakeForTransactionAsync(db.Database, AdvisoryLocks.Alerts, cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<AlertRuleRecord>().Where(r => r.Mode == AlertRuleMode.Live)
            .ToDictionaryAsync(r => r.RuleId, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var live = rules
            .Where(r => rows.TryGetValue(r.Id, out var row) && row.Fingerprint == RuleFingerprint.Of(r))
            .OrderBy(r => IndexOf(r.Id))
            .Select(r => (Rule: r, Row: rows[r.Id]))
            .ToList();
        if (live.Count == 0)
        {
            return AlertRunResult.Idle(0);
        }

        var after = live.Min(r => r.Row.CursorEventId);
        var inputs = await AlertInputReader.ReadAfterAsync(db, after, PageSize, cancellationToken).ConfigureAwait(false);
        if (inputs.Count == 0)
        {
            return AlertRunResult.Idle(after);
        }

        var through = inputs[^1].EventId;
        var writer = await AlertWriter.BeginAsync(db, time, options, cancellationToken).ConfigureAwait(false);
        foreach (var (rule, row) in live)
        {
            var fresh = inputs.Where(e => e.EventId > row.CursorEventId).ToList();
            if (fresh.Count > 0 && rule is ICounterRule counter)
            {
                await EvaluateCounterRuleAsync(db, writer, counter, RuleFingerprint.Of(rule), fresh, cancellationToken).ConfigureAwait(false);
            }
            else if (fresh.Count > 0 && rule is IPersonRule person)
            {
                await EvaluatePersonRuleAsync(db, writer, person, RuleFingerprint.Of(rule), fresh, cancellationToken).ConfigureAwait(false);
            }

            row.CursorEventId = Math.Max(row.CursorEventId, through);
        }

        // The newest receipt per source, for source-silent: what this run read is what the store has received.
        var received = await AlertStates.ReceivedAsync(db, cancellationToken).ConfigureAwait(false);
        foreach (var newest in inputs.GroupBy(e => e.Source))
        {
            AlertStates.Advance(db, received, newest.Key, newest.Max(e => e.ReceivedAt.UtcTicks));
        }

        await writer.FinishAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new AlertRunResult(inputs.Count, inputs.Count == PageSize, writer.Changed, writer.Opened, through);
    }

    private async Task EvaluateCounterRuleAsync(
        AuthEventsDbContext db, AlertWriter writer, ICounterRule rule, string fingerprint, IReadOnlyList<AlertInput> inputs, CancellationToken cancellationToken)
    {
        var keyed = inputs.Where(rule.Matches).Where(e => rule.KeyOf(e) is not null).ToList();
        if (keyed.Count == 0)
        {
            return;
        }

        var span = CounterWindow.MinutesOf(rule.Window) * TimeSpan.TicksPerMinute;
        var keys = keyed.Select(e => rule.KeyOf(e)!).Distinct(StringComparer.Ordinal).ToList();
        var first = keyed.Min(e => CounterWindow.BucketOf(e.OccurredAt));
        var last = keyed.Max(e => CounterWindow.BucketOf(e.OccurredAt));
        var kept = await AlertCounters.LoadAsync(db, rule.Id, keys, first - span, last + span, cancellationToken).ConfigureAwait(false);
        var run = CounterRuleRunner.Evaluate(rule, keyed, kept);
        await AlertCounters.AddAsync(db, rule.Id, run.Observations, keyed.Max(e => e.EventId), cancellationToken).ConfigureAwait(false);
        foreach (var result in run.Keys)
        {
            var matched = result.Matched;
            if (await writer.FindOpenAsync(rule.Id, result.Key, cancellationToken).ConfigureAwait(false) is { } open)
            {
                // An attacker who slows down stays on the same alert: every matching event of the key is added.
                await writer.AttachAsync(open, Evidence(matched), matched.All(e => e.IsDemo), result.Decision, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (result.Decision is not { } decision)
            {
                continue;
            }

            // The same events are already on the suppressing rule's alert (password spray under credential stuffing).
            if (rule.SuppressedBy is { } suppressor && await writer.FindOpenAsync(suppressor, result.Key, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }

            var window = await WindowEventsAsync(db, rule, result.Key, decision.From, decision.To, cancellationToken).ConfigureAwait(false);
            var evidence = window.Concat(matched).DistinctBy(e => e.EventId)
                .OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId).ToList();
            await writer.RaiseAsync(decision, Evidence(evidence), evidence.All(e => e.IsDemo), fingerprint, AlertOrigin.Live, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A person rule over the people the run's matching events belong to: each person's window is read from the journey
    /// index (every provider's events, merge-correct), and the person's older history only when the rule asks for it.
    /// </summary>
    private static async Task EvaluatePersonRuleAsync(
        AuthEventsDbContext db, AlertWriter writer, IPersonRule rule, string fingerprint, IReadOnlyList<AlertInput> inputs, CancellationToken cancellationToken)
    {
        var touched = inputs.Where(rule.Matches).Where(e => rule.KeyOf(e) is not null)
            .GroupBy(e => rule.KeyOf(e)!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var person in touched)
        {
            var from = person.Min(e => e.OccurredAt) - rule.Before;
            var to = person.Max(e => e.OccurredAt) + rule.After;
            var read = await AlertInputReader.ReadPersonAsync(db, person.Key, from, to, PersonWindowLimit, cancellationToken).ConfigureAwait(false);
            var window = new PersonWindow(person.Key, read.Where(rule.Reads).ToList(), person.Select(e => e.EventId).ToHashSet());
            IReadOnlyList<AlertInput> history = rule.HistoryFrom(window) is { } since
                ? await AlertInputReader.ReadPersonAsync(db, person.Key, since, to, PersonHistoryLimit, cancellationToken).ConfigureAwait(false)
                : [];
            var decisions = rule.Decide(window, history);
            var demo = read.Concat(history).Concat(person).DistinctBy(e => e.EventId).ToDictionary(e => e.EventId, e => e.IsDemo);
            bool AllDemo(IEnumerable<AlertEvidence> evidence) => evidence.All(e => demo.GetValueOrDefault(e.EventId));
            if (await writer.FindOpenAsync(rule.Id, person.Key, cancellationToken).ConfigureAwait(false) is { } open)
            {
                // The steps the decisions name join the open alert, and for rules that keep counting, every new matching event.
                var evidence = decisions.SelectMany(d => d.Evidence).Concat(rule.AttachesEveryMatch ? Evidence(person) : [])
                    .DistinctBy(e => e.EventId).OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId).ToList();
                await writer.AttachAsync(open, evidence, AllDemo(evidence), decisions.Count == 0 ? null : decisions[0], cancellationToken).ConfigureAwait(false);
                continue;
            }

            foreach (var decision in decisions)
            {
                await writer.RaiseAsync(decision, decision.Evidence, AllDemo(decision.Evidence), fingerprint, AlertOrigin.Live, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The stored events of one key within a window, for a new alert's evidence: the run only holds its own events, and
    /// the window's earlier ones were counted by earlier runs. An address is read through the <c>ip</c> index, an IPv4
    /// subnet as its 256 addresses, anything else (an IPv6 subnet, a tenant) by time.
    /// </summary>
    private async Task<IReadOnlyList<AlertInput>> WindowEventsAsync(
        AuthEventsDbContext db, ICounterRule rule, string key, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        IReadOnlyList<AlertInput> candidates;
        if (rule.KeyKind == AlertKeyKind.Ip)
        {
            candidates = await AlertInputReader.ReadByIpsAsync(db, [key], from, to, WindowScanLimit, cancellationToken).ConfigureAwait(false);
        }
        else if (rule.KeyKind == AlertKeyKind.Subnet && IPNetwork.TryParse(key, out var subnet)
            && subnet.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && subnet.PrefixLength == 24)
        {
            var prefix = subnet.BaseAddress.GetAddressBytes();
            var addresses = Enumerable.Range(0, 256)
                .Select(i => new IPAddress([prefix[0], prefix[1], prefix[2], (byte)i]).ToString()).ToList();
            candidates = await AlertInputReader.ReadByIpsAsync(db, addresses, from, to, WindowScanLimit, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            candidates = await AlertInputReader.ReadBetweenAsync(db, from, to, WindowScanLimit, cancellationToken).ConfigureAwait(false);
        }

        return candidates.Where(e => rule.Matches(e) && rule.KeyOf(e) == key).Take(options.EvidencePerAlert).ToList();
    }

    private static List<AlertEvidence> Evidence(IEnumerable<AlertInput> events) =>
        events.Select(e => new AlertEvidence(e.EventId, e.OccurredAt)).ToList();

    private static int IndexOf(string id)
    {
        var index = AlertRuleIds.All.ToList().IndexOf(id);
        return index < 0 ? int.MaxValue : index;
    }
}
