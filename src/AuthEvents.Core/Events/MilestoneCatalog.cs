namespace AuthEvents.Core.Events;

/// <summary>
/// The one place that classifies provider event types into journey <see cref="Milestones"/>, with a step
/// ordinal and a default <see cref="Outcome"/>. Normalizers ask it; the UI lists <see cref="Entries"/> to
/// document it. An event type it does not know resolves to its provider's fallback row
/// (<see cref="Milestones.Other"/>): kept and shown, never dropped.
/// </summary>
/// <remarks>
/// Decisions worth knowing:
/// <list type="bullet">
/// <item>Login.gov <c>idv-rate-limited</c> is classified by its limiter type (<c>limiter_type</c>, spelled
/// <c>rate_limit_type</c> in the seed spec); an unknown limiter lands on <see cref="Milestones.IdvVerification"/>.
/// Any <c>*-rate-limited</c> type defaults to <see cref="Outcome.RateLimited"/>, known or not.</item>
/// <item>Login.gov completion events (<c>login-completed</c>, <c>idv-enrollment-complete</c>, <c>idv-reproof</c>)
/// carry no <c>success</c> field and default to <see cref="Outcome.Success"/>; <c>idv-image-retrieval-failed</c>
/// carries none either but reports a failure by its name, so it defaults to <see cref="Outcome.Failure"/>;
/// every other event without <c>success</c> is <see cref="Outcome.Info"/>.</item>
/// <item>1Password reports success only as the <c>success</c> category: an unknown category is a
/// <see cref="Outcome.Failure"/>. <c>firewall_reported_success</c> (the firewall would have blocked, in report-only
/// mode) is <see cref="Outcome.Info"/>.</item>
/// <item>Entrust <c>authentication.failed</c> is a first-factor failure (<see cref="Milestones.LoginPassword"/>) when
/// the token is <c>PASSWORD</c> or absent, otherwise a second-factor failure (<see cref="Milestones.MfaVerify"/>).
/// Entrust outcomes follow the <c>.succeeded</c>/<c>.failed</c> suffix; every other type is <see cref="Outcome.Info"/>.
/// The notification types (<c>grid.email.sent</c>, <c>grid.password.email.sent</c>) count as MFA enrolment,
/// <c>magiclink.email.sent</c> as a sign-in challenge, <c>passkey.updated</c> as an account change. <c>user.created</c> is an
/// administrator creating the account (<see cref="Milestones.AccountAdmin"/>), not a registration; the person's own is
/// <c>user.registration.completed</c>.</item>
/// <item>FusionAuth token events (<c>jwt.refresh</c>, <c>jwt.refresh-token.revoke</c>) are not journey steps and stay
/// <see cref="Milestones.Other"/>.</item>
/// </list>
/// </remarks>
public static class MilestoneCatalog
{
    /// <summary>The <see cref="MilestoneCatalogEntry.Context"/> of rows that apply only when the payload carries no context value.</summary>
    public const string AbsentContext = "";

    /// <summary>Every row, grouped by provider, in journey order within each provider; each provider ends with its fallback row.</summary>
    public static IReadOnlyList<MilestoneCatalogEntry> Entries { get; } = BuildEntries();

    /// <summary>
    /// Classifies one event. The most specific row wins: a named type before a <c>*suffix</c> pattern before the
    /// provider's <c>*</c> fallback, and within each, a row for the given <paramref name="context"/> before a row for
    /// any context. Never returns null: an unknown type resolves to the fallback row (<see cref="Milestones.Other"/>).
    /// </summary>
    /// <param name="source">The provider.</param>
    /// <param name="eventType">The provider's event type name (Login.gov's last URI segment, 1Password's <c>category</c>).</param>
    /// <param name="context">The context value where the type alone is ambiguous (Login.gov limiter type, Entrust token); null when none.</param>
    public static MilestoneCatalogEntry Resolve(EventSource source, string eventType, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        MilestoneCatalogEntry? best = null;
        var bestScore = -1;
        foreach (var entry in Entries)
        {
            if (entry.Source != source)
            {
                continue;
            }

            var typeMatch = CatalogPattern.Match(entry.EventType, eventType);
            var contextMatch = MatchContext(entry.Context, context);
            if (typeMatch == CatalogPattern.NoMatch || contextMatch == CatalogPattern.NoMatch)
            {
                continue;
            }

            var score = (typeMatch * 2) + contextMatch;
            if (score > bestScore)
            {
                best = entry;
                bestScore = score;
            }
        }

        return best ?? Unknown(source);
    }

    private static int MatchContext(string? entryContext, string? context)
    {
        if (entryContext is null)
        {
            return 0;
        }

        if (entryContext.Length == 0)
        {
            return string.IsNullOrEmpty(context) ? 1 : CatalogPattern.NoMatch;
        }

        return string.Equals(entryContext, context, StringComparison.Ordinal) ? 1 : CatalogPattern.NoMatch;
    }

    private static MilestoneCatalogEntry Unknown(EventSource source) =>
        new(source, CatalogPattern.Any, null, Milestones.Other, StepOf(Milestones.Other, 0), Outcome.Info, "Not in the catalog.");

    private static int StepOf(string milestone, int subStep)
    {
        var all = Milestones.All;
        for (var i = 0; i < all.Count; i++)
        {
            if (string.Equals(all[i], milestone, StringComparison.Ordinal))
            {
                return ((i + 1) * 10) + subStep;
            }
        }

        throw new InvalidOperationException("Milestone '" + milestone + "' is not listed in Milestones.All.");
    }

    private static List<MilestoneCatalogEntry> BuildEntries()
    {
        var entries = new List<MilestoneCatalogEntry>();

        void Add(EventSource source, string type, string milestone, int subStep, Outcome outcome, string description, string? context = null) =>
            entries.Add(new MilestoneCatalogEntry(source, type, context, milestone, StepOf(milestone, subStep), outcome, description));

        AddLoginGov(Add);
        AddOnePassword(Add);
        AddEntrust(Add);
        AddFusionAuth(Add);
        return entries;
    }

    private delegate void AddEntry(EventSource source, string type, string milestone, int subStep, Outcome outcome, string description, string? context = null);

    private static void AddLoginGov(AddEntry add)
    {
        const EventSource S = EventSource.LoginGov;

        add(S, "user-registration-email-submitted", Milestones.RegistrationEmail, 1, Outcome.Info, "An e-mail address submitted to create an account.");
        add(S, "user-registration-email-submission-rate-limited", Milestones.RegistrationEmail, 2, Outcome.RateLimited, "The same e-mail submitted too often without setting a password.");
        add(S, "user-registration-email-confirmed", Milestones.RegistrationConfirm, 1, Outcome.Info, "The confirmation link in the registration e-mail was followed.");
        add(S, "user-registration-password-submitted", Milestones.RegistrationPassword, 1, Outcome.Info, "A password chosen for the new account.");
        add(S, "mfa-enroll-phone-otp-sent", Milestones.MfaEnroll, 1, Outcome.Info, "A one-time code sent by SMS or voice while enrolling a phone.");
        add(S, "mfa-enroll-phone-otp-sent-rate-limited", Milestones.MfaEnroll, 2, Outcome.RateLimited, "Too many enrolment codes requested for a phone.");
        add(S, "mfa-enroll-code-rate-limited", Milestones.MfaEnroll, 3, Outcome.RateLimited, "Too many enrolment codes submitted.");
        add(S, "mfa-enrolled", Milestones.MfaEnroll, 4, Outcome.Info, "An MFA method set up.");
        add(S, "login-email-and-password-auth", Milestones.LoginPassword, 1, Outcome.Info, "E-mail and password submitted; emitted on every attempt.");
        add(S, "login-rate-limited", Milestones.LoginPassword, 2, Outcome.RateLimited, "Too many failed e-mail and password attempts.");
        add(S, "mfa-login-phone-otp-sent", Milestones.MfaVerify, 1, Outcome.Info, "A sign-in one-time code sent by SMS or voice.");
        add(S, "mfa-login-phone-otp-sent-rate-limited", Milestones.MfaVerify, 2, Outcome.RateLimited, "Too many sign-in codes requested for a phone.");
        add(S, "mfa-login-auth-submitted", Milestones.MfaVerify, 3, Outcome.Info, "An MFA answer submitted while signing in (any device type).");
        add(S, "mfa-submission-code-rate-limited", Milestones.MfaVerify, 4, Outcome.RateLimited, "Too many MFA codes submitted while signing in.");
        add(S, "login-completed", Milestones.LoginComplete, 1, Outcome.Success, "Signed in and handed back to the service provider.");
        add(S, "logout-initiated", Milestones.LoginSessionEnd, 1, Outcome.Info, "The user logged out.");
        add(S, "session-timeout", Milestones.LoginSessionEnd, 2, Outcome.Info, "The session timed out after inactivity.");
        add(S, "forgot-password-email-sent", Milestones.RecoveryRequest, 1, Outcome.Info, "A password reset requested.");
        add(S, "forgot-password-email-confirmed", Milestones.RecoveryConfirm, 1, Outcome.Info, "The password reset link was followed.");
        add(S, "forgot-password-new-password-submitted", Milestones.RecoveryPassword, 1, Outcome.Info, "A new password submitted through recovery.");
        add(S, "account-reset-account-deleted", Milestones.RecoveryAccountReset, 1, Outcome.Info, "The account deleted through the account-reset path.");
        add(S, "logged-in-password-change", Milestones.AccountChange, 1, Outcome.Info, "A signed-in user changed their password.");
        add(S, "logged-in-account-purged", Milestones.AccountChange, 2, Outcome.Info, "A signed-in user deleted their account.");
        add(S, "idv-document-uploaded", Milestones.IdvDocumentUpload, 1, Outcome.Info, "Document images uploaded.");
        add(S, "idv-rate-limited", Milestones.IdvDocumentUpload, 2, Outcome.RateLimited, "Too many upload links sent to a phone.", "idv_send_link");
        add(S, "idv-image-retrieval-failed", Milestones.IdvDocument, 1, Outcome.Failure, "Uploaded document images could not be retrieved.");
        add(S, "idv-document-upload-submitted", Milestones.IdvDocument, 2, Outcome.Info, "The document checked by the vendor.");
        add(S, "idv-rate-limited", Milestones.IdvDocument, 3, Outcome.RateLimited, "Too many document checks.", "idv_doc_auth");
        add(S, "idv-device-risk-assessment", Milestones.IdvDeviceRisk, 1, Outcome.Info, "The device risk check ran.");
        add(S, "idv-ssn-submitted", Milestones.IdvSsn, 1, Outcome.Info, "A Social Security Number submitted.");
        add(S, "idv-rate-limited", Milestones.IdvSsn, 2, Outcome.RateLimited, "The same SSN tried too often.", "proof_ssn");
        add(S, "idv-address-submitted", Milestones.IdvAddress, 1, Outcome.Info, "An address entered by hand.");
        add(S, "idv-rate-limited", Milestones.IdvAddress, 2, Outcome.RateLimited, "Too many address checks.", "proof_address");
        add(S, "idv-phone-submitted", Milestones.IdvPhone, 1, Outcome.Info, "A phone number submitted for verification.");
        add(S, "idv-phone-verified", Milestones.IdvPhone, 2, Outcome.Info, "The phone number verified.");
        add(S, "idv-rate-limited", Milestones.IdvPhone, 3, Outcome.RateLimited, "Too many phone confirmations.", "phone_confirmation");
        add(S, "idv-phone-otp-sent", Milestones.IdvPhoneCode, 1, Outcome.Info, "A one-time code sent to the phone being verified.");
        add(S, "idv-phone-otp-submitted", Milestones.IdvPhoneCode, 2, Outcome.Info, "The phone one-time code submitted.");
        add(S, "idv-verification-submitted", Milestones.IdvVerification, 1, Outcome.Info, "The identity data submitted for resolution.");
        add(S, "idv-rate-limited", Milestones.IdvVerification, 2, Outcome.RateLimited, "Too many resolution attempts.", "idv_resolution");
        add(S, "idv-rate-limited", Milestones.IdvVerification, 3, Outcome.RateLimited, "A proofing rate limit of a type not listed here.");
        add(S, "idv-tmx-fraud-check", Milestones.IdvFraudCheck, 1, Outcome.Info, "The TMX fraud check ran.");
        add(S, "idv-verify-by-mail-letter-requested", Milestones.IdvMail, 1, Outcome.Info, "A verification letter requested (or re-sent).");
        add(S, "idv-verify-by-mail-enter-code-submitted", Milestones.IdvMail, 2, Outcome.Info, "The code from the letter entered.");
        add(S, "idv-ipp-ready-to-verify-visit", Milestones.IdvInPerson, 1, Outcome.Info, "The user can now visit a post office to verify in person.");
        add(S, "idv-enrollment-complete", Milestones.IdvComplete, 1, Outcome.Success, "Identity verified.");
        add(S, "idv-reproof", Milestones.IdvComplete, 2, Outcome.Success, "Identity verified again by a user who had proofed before.");
        AddLoginGovRetired(add);
        add(S, "*-rate-limited", Milestones.Other, 1, Outcome.RateLimited, "A rate limit not in this catalog.");
        add(S, CatalogPattern.Any, Milestones.Other, 0, Outcome.Info, "An event type not in this catalog.");
    }

    /// <summary>
    /// Types the seed spec (001) lists as removed in its revisions 2.0 to 4.0. Login.gov replays history under the original
    /// ids, so an older integration's events can still arrive: they land on the milestone they stood for, not on "other".
    /// </summary>
    private static void AddLoginGovRetired(AddEntry add)
    {
        const EventSource S = EventSource.LoginGov;
        const string Mfa = "Retired in revision 3.0 for mfa-login-auth-submitted: ";
        const string Enroll = "Retired in revision 4.0 for mfa-enrolled: ";
        const string Milestone = "Retired in revision 2.0 (not tied to a milestone): ";
        add(S, "mfa-login-backup-code-submitted", Milestones.MfaVerify, 5, Outcome.Info, Mfa + "a backup code submitted while signing in.");
        add(S, "mfa-login-phone-otp-submitted", Milestones.MfaVerify, 5, Outcome.Info, Mfa + "a phone code submitted while signing in.");
        add(S, "mfa-login-piv-cac-submitted", Milestones.MfaVerify, 5, Outcome.Info, Mfa + "a PIV/CAC card used while signing in.");
        add(S, "mfa-login-totp-submitted", Milestones.MfaVerify, 5, Outcome.Info, Mfa + "an authenticator-app code submitted while signing in.");
        add(S, "mfa-login-webauthn-platform-submitted", Milestones.MfaVerify, 5, Outcome.Info, Mfa + "a platform authenticator used while signing in.");
        add(S, "mfa-login-webauthn-roaming-submitted", Milestones.MfaVerify, 5, Outcome.Info, Mfa + "a security key used while signing in.");
        add(S, "mfa-enroll-options-selected", Milestones.MfaEnroll, 0, Outcome.Info, Milestone + "MFA methods chosen for enrolment.");
        add(S, "mfa-enroll-backup-code", Milestones.MfaEnroll, 5, Outcome.Info, Enroll + "backup codes set up.");
        add(S, "mfa-enroll-phone-otp-submitted", Milestones.MfaEnroll, 5, Outcome.Info, Enroll + "the enrolment code for a phone entered.");
        add(S, "mfa-enroll-piv-cac", Milestones.MfaEnroll, 5, Outcome.Info, Enroll + "a PIV/CAC card set up.");
        add(S, "mfa-enroll-totp", Milestones.MfaEnroll, 5, Outcome.Info, Enroll + "an authenticator app set up.");
        add(S, "mfa-enroll-webauthn-platform", Milestones.MfaEnroll, 5, Outcome.Info, Enroll + "a platform authenticator set up.");
        add(S, "mfa-enroll-webauthn-roaming", Milestones.MfaEnroll, 5, Outcome.Info, Enroll + "a security key set up.");
        add(S, "forgot-password-email-rate-limited", Milestones.RecoveryRequest, 2, Outcome.RateLimited, Milestone + "too many password reset e-mails.");
        add(S, "account-reset-request-submitted", Milestones.RecoveryAccountReset, 0, Outcome.Info, Milestone + "an account reset requested.");
        add(S, "account-reset-cancel-request", Milestones.RecoveryAccountReset, 2, Outcome.Info, Milestone + "an account reset cancelled.");
        add(S, "personal-key-reactivation-submitted", Milestones.RecoveryPassword, 2, Outcome.Info, Milestone + "the personal key entered to restore a verified profile after a reset.");
        add(S, "personal-key-reactivation-rate-limited", Milestones.RecoveryPassword, 3, Outcome.RateLimited, Milestone + "too many personal key attempts.");
        add(S, "idv-document-upload-method-selected", Milestones.IdvDocumentUpload, 0, Outcome.Info, Milestone + "how to upload the document chosen.");
        add(S, "idv-phone-upload-link-sent", Milestones.IdvDocumentUpload, 3, Outcome.Info, Milestone + "a link to upload the document from a phone sent.");
        add(S, "idv-phone-upload-link-used", Milestones.IdvDocumentUpload, 4, Outcome.Info, Milestone + "that link opened.");
        add(S, "idv-password-entered", Milestones.IdvVerification, 4, Outcome.Info, Milestone + "the password entered to encrypt the verified profile.");
        add(S, "idv-personal-key-generated", Milestones.IdvComplete, 3, Outcome.Info, Milestone + "the personal key of a newly verified profile generated.");
        add(S, "logged-in-profile-change-reauthentication-submitted", Milestones.AccountChange, 3, Outcome.Info, Milestone + "re-authentication before a profile change.");
        add(S, "logged-in-profile-change-reauthentication-rate-limited", Milestones.AccountChange, 4, Outcome.RateLimited, Milestone + "too many re-authentications before a profile change.");
    }

    private static void AddOnePassword(AddEntry add)
    {
        const EventSource S = EventSource.OnePassword;
        add(S, "credentials_failed", Milestones.LoginPassword, 1, Outcome.Failure, "Wrong account password or secret key.");
        add(S, "sso_failed", Milestones.LoginPolicy, 1, Outcome.Failure, "Single sign-on rules refused the attempt.");
        add(S, "modern_version_failed", Milestones.LoginPolicy, 2, Outcome.Failure, "The client app is missing or too old.");
        add(S, "firewall_failed", Milestones.LoginPolicy, 3, Outcome.Failure, "A firewall rule blocked the attempt (country, continent, IP, anonymous network).");
        add(S, "firewall_reported_success", Milestones.LoginPolicy, 4, Outcome.Info, "A firewall rule in report-only mode would have blocked the attempt.");
        add(S, "mfa_failed", Milestones.MfaVerify, 1, Outcome.Failure, "The second factor failed, timed out or is missing.");
        add(S, "success", Milestones.LoginComplete, 1, Outcome.Success, "Signed in.");
        add(S, CatalogPattern.Any, Milestones.Other, 0, Outcome.Failure, "A category not in this catalog; 1Password reports success only as 'success', so anything else is a failure.");
    }

    private static void AddEntrust(AddEntry add)
    {
        const EventSource S = EventSource.Entrust;
        add(S, "user.registration.completed", Milestones.RegistrationAccount, 2, Outcome.Info, "A user completed self-registration.");
        add(S, "grid.created", Milestones.MfaEnroll, 1, Outcome.Info, "A grid card created.");
        add(S, "grid.email.sent", Milestones.MfaEnroll, 2, Outcome.Info, "A grid card sent by e-mail.");
        add(S, "grid.password.email.sent", Milestones.MfaEnroll, 3, Outcome.Info, "The password of a grid card sent by e-mail.");
        add(S, "passkey.created", Milestones.MfaEnroll, 4, Outcome.Info, "A passkey registered.");
        add(S, "face.biometric.created", Milestones.MfaEnroll, 5, Outcome.Info, "A face biometric enrolled.");
        add(S, "kba.question.created", Milestones.MfaEnroll, 6, Outcome.Info, "A knowledge-based question set.");
        add(S, "authentication.failed", Milestones.LoginPassword, 1, Outcome.Failure, "Authentication failed with a password.", "PASSWORD");
        add(S, "authentication.failed", Milestones.LoginPassword, 2, Outcome.Failure, "Authentication failed and no token was reported: counted as a first-factor failure.", AbsentContext);
        add(S, "magiclink.email.sent", Milestones.MfaVerify, 1, Outcome.Info, "A magic sign-in link sent by e-mail.");
        add(S, "authentication.failed", Milestones.MfaVerify, 2, Outcome.Failure, "Authentication failed with a second factor (OTP, FIDO, grid, token, SMS, passkey, ...).");
        add(S, "authentication.succeeded", Milestones.LoginComplete, 1, Outcome.Success, "Authentication succeeded.");
        add(S, "password.updated", Milestones.AccountChange, 1, Outcome.Info, "A password changed.");
        add(S, "passkey.updated", Milestones.AccountChange, 2, Outcome.Info, "A passkey changed.");
        add(S, "passkey.deleted", Milestones.AccountChange, 3, Outcome.Info, "A passkey removed.");
        add(S, "user.updated", Milestones.AccountChange, 4, Outcome.Info, "A user changed.");
        add(S, "user.deleted", Milestones.AccountChange, 5, Outcome.Info, "A user deleted.");
        add(S, "user.created", Milestones.AccountAdmin, 1, Outcome.Info, "An administrator created the account: not a registration by the person (that is user.registration.completed).");
        add(S, "*.succeeded", Milestones.Other, 1, Outcome.Success, "A success event not in this catalog.");
        add(S, "*.failed", Milestones.Other, 2, Outcome.Failure, "A failure event not in this catalog.");
        add(S, CatalogPattern.Any, Milestones.Other, 0, Outcome.Info, "An event type not in this catalog.");
    }

    private static void AddFusionAuth(AddEntry add)
    {
        const EventSource S = EventSource.FusionAuth;
        add(S, "user.create", Milestones.RegistrationAccount, 1, Outcome.Success, "A user created.");
        add(S, "user.registration.create", Milestones.RegistrationAccount, 2, Outcome.Success, "A user registered for an application.");
        add(S, "user.loginId.duplicate.create", Milestones.RegistrationAccount, 3, Outcome.Info, "A user creation tried a login id already in use.");
        add(S, "user.email.verified", Milestones.RegistrationConfirm, 1, Outcome.Success, "An e-mail address verified.");
        add(S, "user.registration.verified", Milestones.RegistrationConfirm, 2, Outcome.Success, "An application registration verified.");
        add(S, "user.two-factor.method.add", Milestones.MfaEnroll, 1, Outcome.Success, "An MFA method added.");
        add(S, "user.login.failed", Milestones.LoginPassword, 1, Outcome.Failure, "A sign-in failed (bad credentials or a lambda refused it).");
        add(S, "user.two-factor.challenge", Milestones.MfaVerify, 1, Outcome.Info, "An MFA challenge issued.");
        add(S, "user.two-factor.failed.attempt", Milestones.MfaVerify, 2, Outcome.Failure, "An MFA code was wrong.");
        add(S, "user.two-factor.success", Milestones.MfaVerify, 3, Outcome.Success, "An MFA challenge answered.");
        add(S, "user.login.success", Milestones.LoginComplete, 1, Outcome.Success, "Signed in.");
        add(S, "user.login.new-device", Milestones.LoginComplete, 2, Outcome.Info, "Signed in from a new device.");
        add(S, "user.login.suspicious", Milestones.LoginComplete, 3, Outcome.Info, "Signed in with threats detected.");
        add(S, "user.password.reset.send", Milestones.RecoveryRequest, 1, Outcome.Info, "A password reset e-mail sent.");
        add(S, "user.password.reset.start", Milestones.RecoveryConfirm, 1, Outcome.Info, "A password reset started from the link.");
        add(S, "user.password.reset.success", Milestones.RecoveryPassword, 1, Outcome.Success, "A password reset completed.");
        add(S, "user.password.update", Milestones.AccountChange, 1, Outcome.Success, "A password changed.");
        add(S, "user.password.breach", Milestones.AccountChange, 2, Outcome.Failure, "A password was found in a breach list.");
        add(S, "user.two-factor.method.remove", Milestones.AccountChange, 3, Outcome.Info, "An MFA method removed.");
        add(S, "user.update", Milestones.AccountChange, 4, Outcome.Info, "A user changed.");
        add(S, "user.email.update", Milestones.AccountChange, 5, Outcome.Info, "A user's e-mail address changed.");
        add(S, "user.loginId.duplicate.update", Milestones.AccountChange, 6, Outcome.Info, "A user update tried a login id already in use.");
        add(S, "user.identity-provider.link", Milestones.AccountChange, 7, Outcome.Info, "An identity provider linked to a user.");
        add(S, "user.deactivate", Milestones.AccountChange, 8, Outcome.Info, "A user deactivated.");
        add(S, "user.reactivate", Milestones.AccountChange, 9, Outcome.Info, "A user reactivated.");
        add(S, "user.delete", Milestones.AccountChange, 10, Outcome.Info, "A user deleted.");
        add(S, CatalogPattern.Any, Milestones.Other, 0, Outcome.Info, "An event type not in this catalog (jwt.refresh, jwt.refresh-token.revoke, ...).");
    }
}
