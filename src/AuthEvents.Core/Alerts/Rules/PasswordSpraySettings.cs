namespace AuthEvents.Core.Alerts.Rules;

/// <summary>Settings of <see cref="PasswordSprayRule"/>: 10 people with at most 2 attempts each within an hour from one address, Medium.</summary>
public sealed record PasswordSpraySettings : AlertRuleSettings
{
    /// <summary>The defaults.</summary>
    public PasswordSpraySettings()
    {
        Threshold = 10;
        Window = TimeSpan.FromHours(1);
        Severity = AlertSeverity.Medium;
    }

    /// <summary>A person counts towards the threshold only with at most this many failures in the window.</summary>
    public int MaxAttemptsPerPerson { get; init; } = 2;
}
