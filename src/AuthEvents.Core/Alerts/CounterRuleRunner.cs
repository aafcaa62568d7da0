namespace AuthEvents.Core.Alerts;

/// <summary>
/// Runs a <see cref="ICounterRule"/> over one batch of events against the counts already kept, the same way live
/// (counts from the store) and in a replay (counts in memory, <see cref="CounterMemory"/>).
/// </summary>
/// <remarks>
/// Every window that contains a minute the batch touched is evaluated: those ending at each minute that holds counts,
/// from the touched minute to a window's length after it. A late event therefore also completes windows that end after
/// its own minute, and the outcome does not depend on the order events arrive in (at minute resolution). The kept
/// counts must cover a window's length before the earliest and after the latest touched minute.
/// </remarks>
public static class CounterRuleRunner
{
    /// <summary>Evaluates <paramref name="inputs"/> against <paramref name="kept"/>; returns the counts to add and each touched key's result.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="inputs">The batch, any events in any order; those the rule does not match or key are skipped.</param>
    /// <param name="kept">Counts already kept for the rule (any keys; only the touched keys' are read). Must not include the batch.</param>
    public static CounterRun Evaluate(ICounterRule rule, IEnumerable<AlertInput> inputs, IEnumerable<CounterCell> kept)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(kept);

        var byKey = new SortedDictionary<string, List<AlertInput>>(StringComparer.Ordinal);
        foreach (var e in inputs)
        {
            if (rule.Matches(e) && rule.KeyOf(e) is { } key)
            {
                if (!byKey.TryGetValue(key, out var list))
                {
                    byKey[key] = list = [];
                }

                list.Add(e);
            }
        }

        var observed = new SortedDictionary<(string Key, long Bucket, string Member), int>();
        foreach (var (key, events) in byKey)
        {
            events.Sort(static (a, b) => a.OccurredAt != b.OccurredAt ? a.OccurredAt.CompareTo(b.OccurredAt) : a.EventId.CompareTo(b.EventId));
            foreach (var e in events)
            {
                var bucket = CounterWindow.BucketOf(e.OccurredAt);
                foreach (var member in rule.Observe(e).Distinct(StringComparer.Ordinal))
                {
                    observed[(key, bucket, member)] = observed.GetValueOrDefault((key, bucket, member)) + 1;
                }
            }
        }

        var observations = observed.Select(o => new CounterCell(o.Key.Key, o.Key.Bucket, o.Key.Member, o.Value)).ToList();
        var keptByKey = kept.Where(c => byKey.ContainsKey(c.Key)).ToLookup(c => c.Key, StringComparer.Ordinal);
        var observedByKey = observations.ToLookup(c => c.Key, StringComparer.Ordinal);
        var span = CounterWindow.MinutesOf(rule.Window) * TimeSpan.TicksPerMinute;
        var results = new List<CounterKeyResult>(byKey.Count);
        foreach (var (key, events) in byKey)
        {
            var cells = keptByKey[key].Concat(observedByKey[key]).ToList();
            var touched = events.Select(e => CounterWindow.BucketOf(e.OccurredAt)).Distinct().ToList();
            var ends = cells.Select(c => c.BucketTicks).Distinct()
                .Where(end => touched.Any(t => end >= t && end < t + span))
                .Order();
            AlertDecision? decision = null;
            foreach (var end in ends)
            {
                var window = CounterWindow.Over(key, cells, end, rule.Window);
                var evidence = events.Where(e => e.OccurredAt >= window.From && e.OccurredAt < window.To).ToList();
                // The latest window that meets the rule describes the state the alert is in now.
                decision = rule.Decide(window, evidence) ?? decision;
            }

            results.Add(new CounterKeyResult(key, events, decision));
        }

        return new CounterRun(observations, results);
    }
}
