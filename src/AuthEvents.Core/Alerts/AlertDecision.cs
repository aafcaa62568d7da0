namespace AuthEvents.Core.Alerts;

/// <summary>
/// A rule's decision to raise (or update) the alert of one key: the store opens it, or adds to the open one.
/// </summary>
/// <param name="RuleId">The rule (<see cref="AlertRuleIds"/>).</param>
/// <param name="Key">The alert key: an IP address, a subnet, a person's root identity key.</param>
/// <param name="KeyKind">What the key names.</param>
/// <param name="Severity">The rule's severity.</param>
/// <param name="From">The start of the window that met the rule (of its first minute for counter rules, its first event for person rules).</param>
/// <param name="To">The end of that window (the end of its last minute for counter rules, its last event for person rules).</param>
/// <param name="Summary">One line for lists and notifications; holds no personal value (people as counts or masked labels).</param>
/// <param name="Figures">Rule-specific figures for the detail view and notifications (numbers, strings, string lists).</param>
/// <param name="Evidence">The events that met the rule, oldest first.</param>
public sealed record AlertDecision(
    string RuleId,
    string Key,
    AlertKeyKind KeyKind,
    AlertSeverity Severity,
    DateTimeOffset From,
    DateTimeOffset To,
    string Summary,
    IReadOnlyDictionary<string, object> Figures,
    IReadOnlyList<AlertEvidence> Evidence)
{
    /// <summary>The key's display label (a person's masked e-mail); null when the key itself is shown.</summary>
    public string? Label { get; init; }
}
