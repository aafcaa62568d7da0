namespace AuthEvents.Store.Alerts;

/// <summary>What the engine does with a rule (stored as an int in <c>alert_rules.mode</c>).</summary>
public enum AlertRuleMode
{
    /// <summary>Evaluated on new events from its cursor.</summary>
    Live = 1,

    /// <summary>Re-evaluating stored events after its settings changed; live evaluation resumes at the end.</summary>
    Replaying = 2,

    /// <summary>Turned off; its open alerts stay open.</summary>
    Disabled = 3,
}
