using AuthEvents.Core.Alerts;

namespace AuthEvents.Tests.Alerts;

/// <summary>Delivers batches to a counter rule as runs would, over counts kept in memory; collects each run's decisions.</summary>
internal sealed class CounterRuleDriver(ICounterRule rule)
{
    private readonly CounterMemory _memory = new(rule);

    public List<AlertDecision> Decisions { get; } = [];

    public AlertDecision? Last => Decisions.Count == 0 ? null : Decisions[^1];

    public static CounterRuleDriver Deliver(ICounterRule rule, params IEnumerable<AlertInput>[] batches)
    {
        var driver = new CounterRuleDriver(rule);
        foreach (var batch in batches)
        {
            driver.Run(batch);
        }

        return driver;
    }

    public CounterRun Run(IEnumerable<AlertInput> batch)
    {
        var run = _memory.Run(batch);
        Decisions.AddRange(run.Keys.Select(k => k.Decision).OfType<AlertDecision>());
        return run;
    }
}
