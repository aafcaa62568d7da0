using AuthEvents.Core.Events;
using static AuthEvents.Tests.Analytics.ScriptedStore;

namespace AuthEvents.Tests.Analytics;

/// <summary>
/// A small scripted hour of traffic, [11:00, 12:00), and a few events in the hour before it, with the figures the
/// overview and failures queries must return for them worked out by hand in the tests.
/// </summary>
public static class OverviewScript
{
    public static readonly DateTimeOffset From = Noon.AddHours(-1);
    public static readonly DateTimeOffset To = Noon;

    public static readonly FailureReason BadEmail = new("email", "unknown", CanonicalReasons.InvalidCredentials);
    public static readonly FailureReason BadPassword = new("password", "invalid", CanonicalReasons.InvalidCredentials);
    public static readonly FailureReason OnePasswordCredentials = new("category", "credentials_failed", CanonicalReasons.InvalidCredentials);
    public static readonly FailureReason OnePasswordMfa = new("category", "mfa_failed", CanonicalReasons.MfaInvalid);
    public static readonly FailureReason FusionAuthCode = new("reason", "invalid_code", CanonicalReasons.MfaInvalid);
    public static readonly FailureReason SsnUnverified = new("ssn", "not_verified", CanonicalReasons.IdentityUnverified);
    public static readonly FailureReason Limited = new("limiter", "idv_resolution", CanonicalReasons.RateLimited);

    public static AuthEvent[] Events { get; } =
    [
        // The hour before: one completed sign-in and one bad password.
        Event("prev-1", Noon.AddMinutes(-70), EventSource.OnePassword, "success", Milestones.LoginComplete, Outcome.Success, "p3", "DE"),
        Event("prev-2", Noon.AddMinutes(-80), EventSource.OnePassword, "credentials_failed", Milestones.LoginPassword, Outcome.Failure, "p7", "DE", null, OnePasswordCredentials),

        // The hour itself.
        Event("en-1", Noon.AddMinutes(-60), EventSource.Entrust, "authentication.succeeded", Milestones.LoginComplete, Outcome.Success, "p8"),
        Event("lg-1", Noon.AddMinutes(-50), EventSource.LoginGov, "login-completed", Milestones.LoginComplete, Outcome.Success, "p1", "US"),
        Event("lg-2", Noon.AddMinutes(-49), EventSource.LoginGov, "mfa-login-phone-otp-sent", Milestones.MfaVerify, Outcome.Info, "p1", null, "sms"),
        Event("lg-3", Noon.AddMinutes(-45), EventSource.LoginGov, "login-email-and-password-auth", Milestones.LoginPassword, Outcome.Failure, "p2", "US", null, BadEmail, BadPassword),
        Event("op-1", Noon.AddMinutes(-40), EventSource.OnePassword, "credentials_failed", Milestones.LoginPassword, Outcome.Failure, "p3", "DE", null, OnePasswordCredentials),
        Event("op-2", Noon.AddMinutes(-39), EventSource.OnePassword, "mfa_failed", Milestones.MfaVerify, Outcome.Failure, "p3", "DE", "totp", OnePasswordMfa),
        Event("fa-1", Noon.AddMinutes(-31), EventSource.FusionAuth, "user.two-factor.failed.attempt", Milestones.MfaVerify, Outcome.Failure, "p4", "US", "authenticator", FusionAuthCode),
        Event("fa-2", Noon.AddMinutes(-30), EventSource.FusionAuth, "user.two-factor.success", Milestones.MfaVerify, Outcome.Success, "p4", "US", "authenticator"),
        Event("lg-4", Noon.AddMinutes(-20), EventSource.LoginGov, "idv-document-upload-submitted", Milestones.IdvDocumentUpload, Outcome.Success, "p5"),
        Event("lg-5", Noon.AddMinutes(-15), EventSource.LoginGov, "idv-ssn-submitted", Milestones.IdvSsn, Outcome.Failure, "p6", null, null, SsnUnverified),
        Event("lg-6", Noon.AddMinutes(-10), EventSource.LoginGov, "idv-enrollment-complete", Milestones.IdvComplete, Outcome.Success, "p5"),
        Event("lg-7", Noon.AddMinutes(-5), EventSource.LoginGov, "idv-rate-limited", Milestones.IdvVerification, Outcome.RateLimited, "p2", null, null, Limited),

        // At the end of the range: not in it.
        Event("lg-8", Noon, EventSource.LoginGov, "login-completed", Milestones.LoginComplete, Outcome.Success, "p9", "US"),
    ];
}
