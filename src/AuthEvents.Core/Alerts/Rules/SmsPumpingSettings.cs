namespace AuthEvents.Core.Alerts.Rules;

/// <summary>
/// Settings of <see cref="SmsPumpingRule"/>: within 15 minutes, 10 distinct numbers, or 3 phone regions, or 5 telephony
/// rate limits from one address, High.
/// </summary>
public sealed record SmsPumpingSettings : AlertRuleSettings
{
    /// <summary>The defaults.</summary>
    public SmsPumpingSettings()
    {
        Threshold = 10;
        Window = TimeSpan.FromMinutes(15);
        Severity = AlertSeverity.High;
    }

    /// <summary>Distinct phone regions within the window that fire the rule.</summary>
    public int Countries { get; init; } = 3;

    /// <summary>Telephony rate limits within the window that fire the rule.</summary>
    public int RateLimits { get; init; } = 5;

    /// <summary>Key by address or by the provider's tenant.</summary>
    public SmsPumpingKey KeyBy { get; init; } = SmsPumpingKey.Ip;
}
