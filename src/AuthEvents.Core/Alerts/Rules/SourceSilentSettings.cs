namespace AuthEvents.Core.Alerts.Rules;

/// <summary>
/// Settings of the scheduled <c>source-silent</c> rule: nothing for 30 minutes from a source that normally delivers at
/// least 10 events in that time, once 7 days of history exist, High.
/// </summary>
public sealed record SourceSilentSettings : AlertRuleSettings
{
    /// <summary>The defaults.</summary>
    public SourceSilentSettings()
    {
        Threshold = 10;
        Window = TimeSpan.FromMinutes(30);
        Severity = AlertSeverity.High;
    }

    /// <summary>History the store must hold before the rule fires.</summary>
    public TimeSpan BaselineMin { get; init; } = TimeSpan.FromDays(7);
}
