namespace AuthEvents.Store.Alerts;

/// <summary>How a notification channel fares (table <c>alert_channels</c>), for <c>/sources</c> and <c>/healthz</c>.</summary>
public sealed class AlertChannelRecord
{
    public string Channel { get; set; } = "";
    public long? LastSuccessTicks { get; set; }
    public long? LastFailureTicks { get; set; }

    /// <summary>An exception type or status text: never a body, URL or secret.</summary>
    public string? LastError { get; set; }
    public int ConsecutiveFailures { get; set; }
}
