namespace AuthEvents.Core.Alerts;

/// <summary>
/// The settings every rule has (<c>Alerts:Rules:&lt;id&gt;</c>); each rule's own record adds its defaults and extras.
/// Everything but <see cref="Enabled"/> and <see cref="Severity"/> changes detection, and so the rule's
/// <see cref="RuleFingerprint"/>.
/// </summary>
public abstract record AlertRuleSettings
{
    /// <summary>Whether the rule runs.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How much it takes to fire; what is counted is the rule's.</summary>
    public int Threshold { get; init; }

    /// <summary>The window the threshold applies to.</summary>
    public TimeSpan Window { get; init; }

    /// <summary>The severity of the alerts it raises.</summary>
    public AlertSeverity Severity { get; init; }
}
