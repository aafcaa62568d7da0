namespace AuthEvents.Core.Alerts.Rules;

/// <summary>
/// Settings of <see cref="AccountTakeoverChainRule"/>: all 3 steps (recovery, MFA change, new sign-in) within a day,
/// novelty judged against the 30 days before the chain, Critical.
/// </summary>
public sealed record AccountTakeoverChainSettings : AlertRuleSettings
{
    /// <summary>The defaults.</summary>
    public AccountTakeoverChainSettings()
    {
        Threshold = 3;
        Window = TimeSpan.FromDays(1);
        Severity = AlertSeverity.Critical;
    }

    /// <summary>How far before the chain a device, country or address must not have been seen for the sign-in to be new.</summary>
    public TimeSpan NoveltyLookback { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Whether a new address makes a sign-in new when it reports neither a device nor a country.</summary>
    public bool NewIpCounts { get; init; } = true;
}
