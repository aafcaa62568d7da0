namespace AuthEvents.Core.Events;

/// <summary>
/// Canonical failure reasons: the same cause reported by different providers under different codes is
/// grouped under one of these. The provider's raw code is always kept beside it (<see cref="FailureReason.Code"/>).
/// </summary>
public static class CanonicalReasons
{
    /// <summary>Wrong password or user name.</summary>
    public const string InvalidCredentials = "invalid-credentials";
    /// <summary>A wrong one-time code, TOTP, security key or push response (a malformed code is <see cref="InvalidInput"/>).</summary>
    public const string MfaInvalid = "mfa-invalid";
    /// <summary>The MFA challenge timed out.</summary>
    public const string MfaTimeout = "mfa-timeout";
    /// <summary>MFA required but missing or disabled.</summary>
    public const string MfaMissing = "mfa-missing";
    /// <summary>Blocked by a network policy (country, continent, IP, anonymous network).</summary>
    public const string BlockedByPolicy = "blocked-by-policy";
    /// <summary>Single sign-on rules refused the attempt.</summary>
    public const string SsoDenied = "sso-denied";
    /// <summary>The client is too old or missing a required version.</summary>
    public const string ClientOutdated = "client-outdated";
    /// <summary>A rate limiter refused the attempt.</summary>
    public const string RateLimited = "rate-limited";
    /// <summary>An identity document could not be read or verified.</summary>
    public const string DocumentRejected = "document-rejected";
    /// <summary>Well-formed identity data (SSN, name, date of birth, address) did not verify.</summary>
    public const string IdentityUnverified = "identity-unverified";
    /// <summary>A phone number was refused or could not be verified.</summary>
    public const string PhoneRejected = "phone-rejected";
    /// <summary>A password was too weak, too short or known to be breached.</summary>
    public const string WeakPassword = "weak-password";
    /// <summary>A link or token was expired or invalid.</summary>
    public const string TokenInvalid = "token-invalid";
    /// <summary>
    /// Malformed input: what the person typed was blank, of the wrong length or not in the field's format (an SSN, a phone
    /// number, an e-mail address, a one-time code). It says nothing about whether their identity or credential is right.
    /// </summary>
    public const string InvalidInput = "invalid-input";
    /// <summary>A fraud or risk check failed.</summary>
    public const string FraudSuspected = "fraud-suspected";
    /// <summary>Message delivery failed (SMS opt-out, telephony error).</summary>
    public const string DeliveryFailed = "delivery-failed";
    /// <summary>Anything not mapped yet; the raw code says what.</summary>
    public const string Other = "other";

    /// <summary>Every canonical reason above, in declaration order (read from the constants, so it never misses one).</summary>
    public static IReadOnlyList<string> All { get; } = typeof(CanonicalReasons)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();
}
