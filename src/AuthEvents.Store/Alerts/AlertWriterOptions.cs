namespace AuthEvents.Store.Alerts;

/// <summary>How <see cref="AlertWriter"/> keeps alerts: the evidence cap and the quiet time after a false positive.</summary>
public sealed record AlertWriterOptions
{
    /// <summary>Evidence rows kept per alert (<c>Alerts:EvidencePerAlert</c>); events past it are counted, not linked.</summary>
    public int EvidencePerAlert { get; init; } = 1000;

    /// <summary>
    /// How long an alert marked false positive takes new evidence for its rule and key silently instead of a new alert
    /// opening (<c>Alerts:FalsePositiveQuiet</c>).
    /// </summary>
    public TimeSpan FalsePositiveQuiet { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How far back a rule seen for the first time evaluates the stored events (<c>Alerts:Reevaluate:Over</c>); null for
    /// none (it starts from the newest event).
    /// </summary>
    public TimeSpan? NewRuleHistory { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Which changes are enqueued for notification, and to which channels.</summary>
    public AlertNotifyPolicy Notify { get; init; } = AlertNotifyPolicy.None;
}
