using AuthEvents.Core.Alerts;

namespace AuthEvents.Store.Alerts;

/// <summary>
/// A meaningful change of an alert (table <c>alert_history</c>, append-only): opened, a status, an assignee, a note, an
/// escalation. Never written for more evidence alone. Each row is what notifications are sent for.
/// </summary>
public sealed class AlertHistoryRecord
{
    public long Id { get; set; }
    public long AlertId { get; set; }
    public long AtTicks { get; set; }
    public AlertChange Change { get; set; }

    /// <summary>The status before a status change; null for other changes.</summary>
    public AlertStatus? FromStatus { get; set; }

    /// <summary>The status after a status change; null for other changes.</summary>
    public AlertStatus? ToStatus { get; set; }
    public string ActorSubject { get; set; } = "";

    /// <summary>The analyst's display name, or <c>system</c> for a rule.</summary>
    public string ActorName { get; set; } = "";

    /// <summary>A note (shown as text only), or null.</summary>
    public string? Text { get; set; }
}
