namespace AuthEvents.Core.Alerts;

/// <summary>Where an alert stands in triage. Open and acknowledged alerts still take new evidence.</summary>
public enum AlertStatus
{
    /// <summary>Raised, nobody has looked yet.</summary>
    Open = 1,

    /// <summary>An analyst is on it.</summary>
    Acknowledged = 2,

    /// <summary>Dealt with.</summary>
    Resolved = 3,

    /// <summary>Not an attack; further evidence for the same key is absorbed quietly for a while.</summary>
    FalsePositive = 4,
}
