namespace AuthEvents.Core.Alerts.Rules;

/// <summary>
/// Settings of the scheduled <c>idv-fraud-spike</c> rule: an hour with at least 10 failures and 3 times the mean of the
/// same hour of the week over 4 weeks, once 14 days of history exist, High.
/// </summary>
public sealed record IdvFraudSpikeSettings : AlertRuleSettings
{
    /// <summary>The defaults.</summary>
    public IdvFraudSpikeSettings()
    {
        Threshold = 10;
        Window = TimeSpan.FromHours(1);
        Severity = AlertSeverity.High;
    }

    /// <summary>How many times the baseline a count must reach.</summary>
    public double Factor { get; init; } = 3;

    /// <summary>Weeks of the same hour the baseline is the mean of.</summary>
    public int BaselineWeeks { get; init; } = 4;

    /// <summary>History the store must hold before the rule fires.</summary>
    public TimeSpan BaselineMin { get; init; } = TimeSpan.FromDays(14);
}
