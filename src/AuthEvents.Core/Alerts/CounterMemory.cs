namespace AuthEvents.Core.Alerts;

/// <summary>
/// A counter rule's counts kept in memory: what a replay over history runs on instead of the store's counters, with the
/// same <see cref="CounterRuleRunner"/>.
/// </summary>
/// <param name="rule">The rule whose counts these are.</param>
public sealed class CounterMemory(ICounterRule rule)
{
    private readonly Dictionary<(string Key, long Bucket, string Member), int> _cells = [];

    /// <summary>The counts kept, sorted.</summary>
    public IReadOnlyList<CounterCell> Cells =>
        _cells.OrderBy(c => c.Key.Key, StringComparer.Ordinal).ThenBy(c => c.Key.Bucket).ThenBy(c => c.Key.Member, StringComparer.Ordinal)
            .Select(c => new CounterCell(c.Key.Key, c.Key.Bucket, c.Key.Member, c.Value)).ToList();

    /// <summary>Runs the rule over one batch and keeps its counts.</summary>
    public CounterRun Run(IEnumerable<AlertInput> inputs)
    {
        var run = CounterRuleRunner.Evaluate(rule, inputs, _cells.Select(c => new CounterCell(c.Key.Key, c.Key.Bucket, c.Key.Member, c.Value)));
        foreach (var cell in run.Observations)
        {
            _cells[(cell.Key, cell.BucketTicks, cell.Member)] = _cells.GetValueOrDefault((cell.Key, cell.BucketTicks, cell.Member)) + cell.Count;
        }

        return run;
    }

    /// <summary>Forgets counts of minutes before <paramref name="bucketTicks"/> (older than any window still to come).</summary>
    public void PruneBefore(long bucketTicks)
    {
        foreach (var key in _cells.Keys.Where(k => k.Bucket < bucketTicks).ToList())
        {
            _cells.Remove(key);
        }
    }
}
