namespace AuthEvents.Core.Alerts;

/// <summary>What one run brought to one key of a counter rule.</summary>
/// <param name="Key">The alert key.</param>
/// <param name="Matched">The run's matching events of the key, oldest first: an open alert of the key takes all of them.</param>
/// <param name="Decision">The rule's decision, or null when no window containing them meets it.</param>
public sealed record CounterKeyResult(string Key, IReadOnlyList<AlertInput> Matched, AlertDecision? Decision);
