namespace AuthEvents.Store.Alerts;

/// <summary>An event kept as evidence of an alert (table <c>alert_evidence</c>), up to the per-alert cap.</summary>
public sealed class AlertEvidenceRecord
{
    public long AlertId { get; set; }
    public long EventId { get; set; }

    /// <summary>The step of an account-takeover chain, or the end of an impossible trip; null for other rules.</summary>
    public int? Step { get; set; }
}
