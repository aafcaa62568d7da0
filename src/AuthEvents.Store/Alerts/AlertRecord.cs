using AuthEvents.Core.Alerts;

namespace AuthEvents.Store.Alerts;

/// <summary>
/// An alert (table <c>alerts</c>): one rule's finding about one key, with its triage state. Times named <c>*SeenTicks</c>
/// are event times (UTC ticks); the <c>*AtTicks</c> ones are wall-clock times from the <see cref="TimeProvider"/>.
/// </summary>
public sealed class AlertRecord
{
    public long Id { get; set; }
    public string RuleId { get; set; } = "";

    /// <summary>The IP, subnet, person root identity key, source, milestone or IDV check the alert is about.</summary>
    public string AlertKey { get; set; } = "";
    public AlertKeyKind KeyKind { get; set; }

    /// <summary>A masked label of a person key (never a clear value), or null.</summary>
    public string? KeyLabel { get; set; }
    public AlertSeverity Severity { get; set; }
    public AlertStatus Status { get; set; }
    public string? AssigneeSubject { get; set; }
    public string? AssigneeName { get; set; }
    public long FirstSeenTicks { get; set; }
    public long LastSeenTicks { get; set; }
    public long OpenedAtTicks { get; set; }
    public long UpdatedAtTicks { get; set; }
    public long StatusChangedAtTicks { get; set; }

    /// <summary>Matching events counted, including those past the evidence cap.</summary>
    public long Count { get; set; }

    /// <summary>Rows of this alert in <c>alert_evidence</c>.</summary>
    public int EvidenceKept { get; set; }
    public string Summary { get; set; } = "";

    /// <summary>The rule's figures (people, attempts, threshold, window, baseline…) as a JSON object.</summary>
    public string FiguresJson { get; set; } = "{}";

    /// <summary>True when every evidence event is demo data.</summary>
    public bool IsDemo { get; set; }
    public AlertOrigin Origin { get; set; }

    /// <summary>The fingerprint of the rule settings the alert was raised under.</summary>
    public string RuleFingerprint { get; set; } = "";

    /// <summary>Raised by every analyst change: the optimistic concurrency check of triage.</summary>
    public int Version { get; set; }

    /// <summary>The value of the global change sequence (<c>alert_state</c> key <c>seq</c>) at the alert's last change of any kind.</summary>
    public long ChangeSeq { get; set; }
}
