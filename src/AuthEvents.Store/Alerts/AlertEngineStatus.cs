namespace AuthEvents.Store.Alerts;

/// <summary>One rule's stored state: its mode and the newest event it evaluated.</summary>
public sealed record AlertRuleStatus(string RuleId, AlertRuleMode Mode, long CursorEventId);

/// <summary>The alert engine as health checks see it.</summary>
/// <param name="Rules">Each rule's state.</param>
/// <param name="NewestEventId">The newest stored event.</param>
/// <param name="Open">Open and acknowledged alerts.</param>
public sealed record AlertEngineStatus(IReadOnlyList<AlertRuleStatus> Rules, long NewestEventId, int Open)
{
    /// <summary>Events stored but not yet evaluated by the slowest live rule (0 when no rule is live).</summary>
    public long Lag => Rules.Where(r => r.Mode == AlertRuleMode.Live).Select(r => NewestEventId - r.CursorEventId).DefaultIfEmpty(0).Max();
}
