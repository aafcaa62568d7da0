namespace AuthEvents.Core.Alerts.Rules;

/// <summary>
/// Settings of the scheduled <c>failure-rate-anomaly</c> rule: at least 50 attempts in an hour with twice the baseline
/// failure rate and 4 standard errors above it, once 14 days of history exist, Medium.
/// </summary>
public sealed record FailureRateAnomalySettings : AlertRuleSettings
{
    /// <summary>The defaults.</summary>
    public FailureRateAnomalySettings()
    {
        Threshold = 50;
        Window = TimeSpan.FromHours(1);
        Severity = AlertSeverity.Medium;
    }

    /// <summary>How many times the baseline rate the hour's rate must reach.</summary>
    public double Factor { get; init; } = 2;

    /// <summary>Standard errors above the baseline the hour's rate must be.</summary>
    public double Sigmas { get; init; } = 4;

    /// <summary>Weeks of the same hour the baseline is taken over.</summary>
    public int BaselineWeeks { get; init; } = 4;

    /// <summary>History the store must hold before the rule fires.</summary>
    public TimeSpan BaselineMin { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Key by milestone and provider instead of by milestone.</summary>
    public bool PerSource { get; init; }
}
