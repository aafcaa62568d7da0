namespace AuthEvents.Core.Alerts;

/// <summary>How urgent an alert is. Stored as its number; notifications go out from a configured minimum.</summary>
public enum AlertSeverity
{
    /// <summary>Worth a look when there is time.</summary>
    Low = 1,

    /// <summary>Look today.</summary>
    Medium = 2,

    /// <summary>Look now.</summary>
    High = 3,

    /// <summary>An account is probably lost: act now.</summary>
    Critical = 4,
}
