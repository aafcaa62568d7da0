namespace AuthEvents.Core.Alerts;

/// <summary>
/// The rules' ids, as they appear in settings (<c>Alerts:Rules:&lt;id&gt;</c>), in stored alerts and in URLs.
/// <see cref="All"/> is also the order in which the rules see each run's events.
/// </summary>
public static class AlertRuleIds
{
    /// <summary>Many people failing the password step from one address.</summary>
    public const string CredentialStuffing = "credential-stuffing";

    /// <summary>One address failing for many people with few attempts each.</summary>
    public const string PasswordSpray = "password-spray";

    /// <summary>Many MFA prompts for one person within minutes.</summary>
    public const string MfaFatigue = "mfa-fatigue";

    /// <summary>Phone code sends to many numbers or regions, or telephony rate limits, from one address.</summary>
    public const string SmsPumping = "sms-pumping";

    /// <summary>A person's located events too far apart for the time between them.</summary>
    public const string ImpossibleTravel = "impossible-travel";

    /// <summary>Recovery, then an MFA change, then a sign-in from something new, for one person.</summary>
    public const string AccountTakeoverChain = "account-takeover-chain";

    /// <summary>Fraud-check or document failures far above their baseline.</summary>
    public const string IdvFraudSpike = "idv-fraud-spike";

    /// <summary>A milestone's failure rate far above the same hour in recent weeks.</summary>
    public const string FailureRateAnomaly = "failure-rate-anomaly";

    /// <summary>A source that normally delivers has delivered nothing for a while.</summary>
    public const string SourceSilent = "source-silent";

    /// <summary>
    /// Every rule in evaluation order: <see cref="CredentialStuffing"/> comes before <see cref="PasswordSpray"/>, which
    /// does not open while a stuffing alert for the same key is open.
    /// </summary>
    public static IReadOnlyList<string> All { get; } =
    [
        CredentialStuffing, PasswordSpray, SmsPumping, MfaFatigue, ImpossibleTravel, AccountTakeoverChain,
        IdvFraudSpike, FailureRateAnomaly, SourceSilent,
    ];

    /// <summary>True for a rule id listed in <see cref="All"/> (ordinal).</summary>
    public static bool IsKnown(string? id) => id is not null && All.Contains(id, StringComparer.Ordinal);
}
