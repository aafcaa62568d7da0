namespace AuthEvents.Core.Alerts;

/// <summary>
/// A detection rule: pure code over <see cref="AlertInput"/>s, built with its settings. The store feeds it windows
/// (<see cref="ICounterRule"/>, <see cref="IPersonRule"/>) and writes its <see cref="AlertDecision"/>s.
/// </summary>
public interface IAlertRule
{
    /// <summary>The rule's id (<see cref="AlertRuleIds"/>).</summary>
    string Id { get; }

    /// <summary>
    /// Raised in code whenever a predicate or the decision changes, so that stored alerts and windows made under the
    /// old logic are re-evaluated (it is part of the <see cref="RuleFingerprint"/>).
    /// </summary>
    int LogicVersion { get; }

    /// <summary>The settings the rule was built with.</summary>
    AlertRuleSettings Settings { get; }

    /// <summary>What the rule's keys name.</summary>
    AlertKeyKind KeyKind { get; }

    /// <summary>
    /// The rule whose open alert for the same key keeps this one from opening (its events then go to that alert only);
    /// null for none.
    /// </summary>
    string? SuppressedBy => null;

    /// <summary>True for the events the rule counts (its signal, §1.1 of the plan).</summary>
    bool Matches(AlertInput e);

    /// <summary>The alert key of a matching event; null when it cannot be keyed (no IP, no person) or is ignored.</summary>
    string? KeyOf(AlertInput e);
}
