namespace AuthEvents.Store.Alerts;

/// <summary>The engine's state of one rule (table <c>alert_rules</c>): its settings' fingerprint, cursor and replay progress.</summary>
public sealed class AlertRuleRecord
{
    public string RuleId { get; set; } = "";
    public string Fingerprint { get; set; } = "";
    public AlertRuleMode Mode { get; set; }

    /// <summary>The last event id evaluated live.</summary>
    public long CursorEventId { get; set; }

    /// <summary>The newest event id a replay covers (the newest stored when it began).</summary>
    public long? ReplayTargetEventId { get; set; }
    public long? ReplayFromTicks { get; set; }

    /// <summary>The replay's keyset position: occurred time, then event id.</summary>
    public long? ReplayPositionTicks { get; set; }
    public long? ReplayPositionEventId { get; set; }
    public long ReplayDone { get; set; }
    public long ReplayTotal { get; set; }

    /// <summary>The last minute a scheduled rule was evaluated for.</summary>
    public long? ScheduledThroughTicks { get; set; }
    public long UpdatedAtTicks { get; set; }
    public string UpdatedByNode { get; set; } = "";
}
