namespace AuthEvents.Core.Alerts;

/// <summary>
/// A rule over per-key minute counters (the IP-keyed rules): each matching event adds one to some members of its key's
/// minute, and the rule decides on the sums over a window. <see cref="CounterRuleRunner"/> drives it.
/// </summary>
public interface ICounterRule : IAlertRule
{
    /// <summary>The window the rule decides over, in whole minutes.</summary>
    TimeSpan Window { get; }

    /// <summary>The members one matching event counts under (prefixed, see <see cref="CounterMembers"/>).</summary>
    IEnumerable<string> Observe(AlertInput e);

    /// <summary>The decision for one key's window, or null when it does not meet the rule.</summary>
    /// <param name="window">The key's counts within the window.</param>
    /// <param name="evidence">The newly observed events of the key within the window, oldest first.</param>
    AlertDecision? Decide(CounterWindow window, IReadOnlyList<AlertInput> evidence);
}
