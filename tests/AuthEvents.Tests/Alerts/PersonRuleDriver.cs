using AuthEvents.Core.Alerts;

namespace AuthEvents.Tests.Alerts;

/// <summary>
/// Delivers batches to a person rule as the live path would: each batch's events are the new ones; a person's window is
/// every delivered event of theirs the rule reads within <see cref="IPersonRule.Before"/>/<see cref="IPersonRule.After"/>
/// of the new ones; history, when the rule asks, is every delivered event of theirs from then on.
/// </summary>
internal static class PersonRuleDriver
{
    public static List<AlertDecision> Deliver(IPersonRule rule, params IEnumerable<AlertInput>[] batches)
    {
        var delivered = new List<AlertInput>();
        var decisions = new List<AlertDecision>();
        foreach (var batch in batches.Select(b => b.ToList()))
        {
            delivered.AddRange(batch);
            var touched = batch.Where(rule.Matches).Where(e => rule.KeyOf(e) is not null).GroupBy(e => rule.KeyOf(e)!);
            foreach (var person in touched)
            {
                var from = person.Min(e => e.OccurredAt) - rule.Before;
                var to = person.Max(e => e.OccurredAt) + rule.After;
                var events = delivered.Where(e => e.Person == person.Key && rule.Reads(e) && e.OccurredAt >= from && e.OccurredAt <= to).ToList();
                var window = new PersonWindow(person.Key, events, person.Select(e => e.EventId).ToHashSet());
                var history = rule.HistoryFrom(window) is { } since
                    ? delivered.Where(e => e.Person == person.Key && e.OccurredAt >= since).ToList()
                    : [];
                decisions.AddRange(rule.Decide(window, history));
            }
        }

        return decisions;
    }
}
