namespace AuthEvents.Core.Events;

/// <summary>One kind of second factor, whatever each provider calls it, with the provider names it covers.</summary>
/// <param name="Id">Stable key.</param>
/// <param name="Label">What a manager reads.</param>
/// <param name="Raw">The authenticator values the providers send for it, exactly as stored.</param>
public sealed record MfaMethod(string Id, string Label, IReadOnlyList<string> Raw);

/// <summary>
/// The providers name the same second factor differently (Login.gov <c>totp</c>, FusionAuth <c>authenticator</c>;
/// Login.gov <c>webauthn</c>, 1Password <c>u2f</c>, Entrust <c>FIDO</c> and <c>PASSKEY</c>): charts group the stored
/// <see cref="AuthEvent.Authenticator"/> values into these methods, and keep the raw names for filtering and display.
/// Values are matched exactly: Login.gov's <c>otp</c> is a code sent to a phone, Entrust's <c>OTP</c> a passcode it
/// sends by SMS, e-mail or voice. A value no method lists stands for itself.
/// </summary>
public static class MfaMethods
{
    /// <summary>The methods the four providers report, each with the names they use for it.</summary>
    public static IReadOnlyList<MfaMethod> Known { get; } =
    [
        new("app", "Authenticator app", ["totp", "authenticator"]),
        new("phone", "Phone code (SMS or voice)", ["otp", "sms", "voice"]),
        new("passcode", "One-time passcode (SMS, e-mail or voice)", ["OTP"]),
        new("email", "E-mail code", ["email"]),
        new("passkey", "Passkey or security key", ["webauthn", "webauthn_platform", "u2f", "FIDO", "PASSKEY"]),
        new("backup", "Backup or recovery code", ["backup_code", "personal_key", "recoveryCode"]),
        new("piv", "PIV/CAC card", ["piv_cac"]),
        new("duo", "Duo", ["duo"]),
        new("grid", "Grid card", ["GRID"]),
        new("remembered", "Remembered device", ["remember_device"]),
    ];

    private static readonly Dictionary<string, MfaMethod> ByRaw =
        Known.SelectMany(m => m.Raw.Select(r => (r, m))).ToDictionary(x => x.r, x => x.m, StringComparer.Ordinal);

    /// <summary>The method a stored authenticator value belongs to; an unlisted value is a method of its own.</summary>
    public static MfaMethod Of(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return ByRaw.TryGetValue(raw, out var method) ? method : new MfaMethod(raw, raw, [raw]);
    }
}
