namespace AuthEvents.Core.Alerts.Rules;

/// <summary>Settings of <see cref="MfaFatigueRule"/>: 8 prompts for one person within 10 minutes, High.</summary>
public sealed record MfaFatigueSettings : AlertRuleSettings
{
    /// <summary>The defaults.</summary>
    public MfaFatigueSettings()
    {
        Threshold = 8;
        Window = TimeSpan.FromMinutes(10);
        Severity = AlertSeverity.High;
    }
}
