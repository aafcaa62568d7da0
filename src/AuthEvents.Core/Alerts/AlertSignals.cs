using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;

namespace AuthEvents.Core.Alerts;

/// <summary>
/// The signals the rules read, one predicate each: the only place in the alerts code that knows provider event types.
/// Where a milestone and an outcome say enough, the predicate reads those (so a new catalog row of that milestone is
/// covered at once); it names event types only where the catalog's classification does not tell them apart.
/// The table with the types each predicate covers, per provider, is in <c>docs/plans/alerts.md</c> §1.1, and
/// <c>AlertSignalsTests</c> holds every catalog row to it.
/// </summary>
public static class AlertSignals
{
    // Login.gov "a code was sent" types: a send, not an answer, so it counts whatever its success flag says.
    private const string LoginGovSignInCodeSent = "mfa-login-phone-otp-sent";
    private const string LoginGovEnrollCodeSent = "mfa-enroll-phone-otp-sent";
    private const string LoginGovProofingCodeSent = "idv-phone-otp-sent";
    private const string LoginGovSignInCodeRateLimited = "mfa-login-phone-otp-sent-rate-limited";
    private const string LoginGovEnrollCodeRateLimited = "mfa-enroll-phone-otp-sent-rate-limited";
    private const string LoginGovProofingRateLimited = "idv-rate-limited";
    private const string LoginGovEnrollOptionsSelected = "mfa-enroll-options-selected";
    private const string EntrustGridEmailSent = "grid.email.sent";
    private const string EntrustGridPasswordEmailSent = "grid.password.email.sent";
    private const string EntrustPasskeyUpdated = "passkey.updated";
    private const string EntrustPasskeyDeleted = "passkey.deleted";
    private const string FusionAuthChallenge = "user.two-factor.challenge";
    private const string FusionAuthMethodRemoved = "user.two-factor.method.remove";
    private const string FusionAuthNewDevice = "user.login.new-device";
    private const string SmsMethod = "sms";

    /// <summary>
    /// Every (provider, event type) named above, for the test that holds them to the catalog: a type renamed there
    /// must not silently stop matching here.
    /// </summary>
    public static IReadOnlyList<(EventSource Source, string EventType)> NamedEventTypes { get; } =
    [
        (EventSource.LoginGov, LoginGovSignInCodeSent), (EventSource.LoginGov, LoginGovEnrollCodeSent),
        (EventSource.LoginGov, LoginGovProofingCodeSent), (EventSource.LoginGov, LoginGovSignInCodeRateLimited),
        (EventSource.LoginGov, LoginGovEnrollCodeRateLimited), (EventSource.LoginGov, LoginGovProofingRateLimited),
        (EventSource.LoginGov, LoginGovEnrollOptionsSelected), (EventSource.Entrust, EntrustGridEmailSent),
        (EventSource.Entrust, EntrustGridPasswordEmailSent), (EventSource.Entrust, EntrustPasskeyUpdated),
        (EventSource.Entrust, EntrustPasskeyDeleted), (EventSource.FusionAuth, FusionAuthChallenge),
        (EventSource.FusionAuth, FusionAuthMethodRemoved), (EventSource.FusionAuth, FusionAuthNewDevice),
    ];

    /// <summary>
    /// The password step failed or was rate limited: Login.gov <c>login-email-and-password-auth</c> (success=false) and
    /// <c>login-rate-limited</c>, 1Password <c>credentials_failed</c>, Entrust <c>authentication.failed</c> with token
    /// PASSWORD or none, FusionAuth <c>user.login.failed</c>. Policy refusals (<see cref="Milestones.LoginPolicy"/>) are not:
    /// they happen before credentials count.
    /// </summary>
    public static bool IsPasswordFailure(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Is(e, Milestones.LoginPassword) && e.Outcome is Outcome.Failure or Outcome.RateLimited;
    }

    /// <summary>
    /// An MFA challenge or push prompt while signing in that did not end in success: a code or link sent (counted
    /// whatever its outcome), a wrong or unanswered answer, a rate limit. Not a missing or disabled factor
    /// (<see cref="CanonicalReasons.MfaMissing"/>), which is a policy refusal, not a prompt.
    /// </summary>
    public static bool IsMfaPrompt(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!Is(e, Milestones.MfaVerify) || e.Reasons.Contains(CanonicalReasons.MfaMissing, StringComparer.Ordinal))
        {
            return false;
        }

        return e.Outcome != Outcome.Success || IsType(e, EventSource.LoginGov, LoginGovSignInCodeSent);
    }

    /// <summary>
    /// A one-time code sent to a phone: Login.gov sign-in, enrolment and proofing sends (not their rate limits), and a
    /// FusionAuth challenge by SMS (which carries no phone number).
    /// </summary>
    public static bool IsPhoneCodeSend(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Outcome == Outcome.RateLimited)
        {
            return false;
        }

        return IsType(e, EventSource.LoginGov, LoginGovSignInCodeSent)
            || IsType(e, EventSource.LoginGov, LoginGovEnrollCodeSent)
            || IsType(e, EventSource.LoginGov, LoginGovProofingCodeSent)
            || (IsType(e, EventSource.FusionAuth, FusionAuthChallenge) && string.Equals(e.Authenticator, SmsMethod, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// A rate limit on sending to phones: Login.gov sign-in and enrolment code sends, and proofing's phone confirmation
    /// and upload-link sends (the catalog classifies <c>idv-rate-limited</c> by its limiter, so the milestone names it).
    /// </summary>
    public static bool IsTelephonyRateLimit(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Outcome != Outcome.RateLimited)
        {
            return false;
        }

        return IsType(e, EventSource.LoginGov, LoginGovSignInCodeRateLimited)
            || IsType(e, EventSource.LoginGov, LoginGovEnrollCodeRateLimited)
            || (IsType(e, EventSource.LoginGov, LoginGovProofingRateLimited) && (Is(e, Milestones.IdvPhone) || Is(e, Milestones.IdvDocumentUpload)));
    }

    /// <summary>
    /// A password reset or recovery step that went through (requested, link followed, new password set): Login.gov
    /// <c>forgot-password-*</c> and the retired personal-key reactivation, FusionAuth <c>user.password.reset.*</c>. Not an
    /// account reset, which deletes the account rather than taking it over.
    /// </summary>
    public static bool IsRecovery(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (Is(e, Milestones.RecoveryRequest) || Is(e, Milestones.RecoveryConfirm) || Is(e, Milestones.RecoveryPassword))
            && e.Outcome is not (Outcome.Failure or Outcome.RateLimited);
    }

    /// <summary>
    /// An MFA method added or removed: <see cref="Milestones.MfaEnroll"/> events that went through, except the ones that
    /// only send a code or a card (or pick options); plus removals, which the catalog files as account changes
    /// (FusionAuth <c>user.two-factor.method.remove</c>, Entrust <c>passkey.updated</c> and <c>passkey.deleted</c>).
    /// </summary>
    public static bool IsMfaChange(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Outcome is Outcome.Failure or Outcome.RateLimited)
        {
            return false;
        }

        if (Is(e, Milestones.MfaEnroll))
        {
            return !IsType(e, EventSource.LoginGov, LoginGovEnrollCodeSent)
                && !IsType(e, EventSource.LoginGov, LoginGovEnrollOptionsSelected)
                && !IsType(e, EventSource.Entrust, EntrustGridEmailSent)
                && !IsType(e, EventSource.Entrust, EntrustGridPasswordEmailSent);
        }

        return IsType(e, EventSource.FusionAuth, FusionAuthMethodRemoved)
            || IsType(e, EventSource.Entrust, EntrustPasskeyUpdated)
            || IsType(e, EventSource.Entrust, EntrustPasskeyDeleted);
    }

    /// <summary>
    /// A completed sign-in: <see cref="Milestones.LoginComplete"/> with success, plus FusionAuth's informational
    /// new-device and suspicious sign-ins (which are sign-ins too).
    /// </summary>
    public static bool IsSignIn(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Is(e, Milestones.LoginComplete) && e.Outcome is Outcome.Success or Outcome.Info;
    }

    /// <summary>A sign-in the provider itself reports as from a new device (FusionAuth <c>user.login.new-device</c>).</summary>
    public static bool IsNewDeviceSignIn(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return IsType(e, EventSource.FusionAuth, FusionAuthNewDevice);
    }

    /// <summary>The event says where it happened: coordinates, or a known country (see <see cref="CountryCentroids"/>).</summary>
    public static bool IsLocated(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return CountryCentroids.Locate(e.Latitude, e.Longitude, e.Country) is not null;
    }

    /// <summary>A fraud or device-risk check failed (Login.gov <c>idv-tmx-fraud-check</c>, <c>idv-device-risk-assessment</c>).</summary>
    public static bool IsFraudCheckFailure(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (Is(e, Milestones.IdvFraudCheck) || Is(e, Milestones.IdvDeviceRisk)) && e.Outcome == Outcome.Failure;
    }

    /// <summary>
    /// Document verification failed: a document check failed or was rate limited, or an upload failed. A rate limit on
    /// upload links is a telephony limit (<see cref="IsTelephonyRateLimit"/>), not a document failure.
    /// </summary>
    public static bool IsDocumentFailure(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (Is(e, Milestones.IdvDocument) && e.Outcome is Outcome.Failure or Outcome.RateLimited)
            || (Is(e, Milestones.IdvDocumentUpload) && e.Outcome == Outcome.Failure);
    }

    private static bool Is(AlertInput e, string milestone) => string.Equals(e.Milestone, milestone, StringComparison.Ordinal);

    private static bool IsType(AlertInput e, EventSource source, string eventType) =>
        e.Source == source && string.Equals(e.EventType, eventType, StringComparison.Ordinal);
}
