using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AuthEvents.Core.Events;

namespace AuthEvents.Core.Journeys;

/// <summary>
/// The built-in funnels: identity verification, sign-in, MFA enrolment, registration and account recovery. The
/// one place that says which events make up which step, with the windows and the fast-conversion thresholds;
/// the store indexes journeys by it and the pages render it.
/// </summary>
/// <remarks>
/// Semantics, shared by every funnel (see <see cref="FunnelAttemptBuilder"/>):
/// <list type="bullet">
/// <item>A person's events are taken in occurred order, ties broken by the catalog's step ordinal
/// (<see cref="MilestoneCatalogEntry.Step"/>) and then by arrival, so late or out-of-order deliveries land where they happened.</item>
/// <item>An <b>attempt</b> starts at an event of the first step while no attempt of that person is open, and stays open
/// until the last step is reached or the next step can no longer be reached in time (its step window or the
/// conversion window has passed).</item>
/// <item><b>First success</b>: a step is reached at the first event that reaches it within the attempt; repeats and
/// retries of a reached step change nothing, failures before the first success are kept as the attempt's failures.</item>
/// <item>A person counts once per funnel: by their furthest-reaching attempt that started in the range (the earliest of
/// equals). An attempt's later steps may happen after the range ends.</item>
/// </list>
/// </remarks>
public static class Funnels
{
    /// <summary>Bumped when the attempt semantics change, so that stored journeys are rebuilt.</summary>
    private const int EngineVersion = 1;

    /// <summary>
    /// Steps of an online flow must follow within an hour of the one before (the providers' sessions time out much
    /// sooner): an attempt that makes no progress for longer has stopped. Only what happens off-line (a letter in the
    /// mail, a visit to a post office, an e-mail link) has longer windows.
    /// </summary>
    private static readonly TimeSpan OnlineStep = TimeSpan.FromHours(1);

    private static readonly string[] MfaEnrolledTypes =
    [
        "mfa-enrolled", "grid.created", "passkey.created", "face.biometric.created", "kba.question.created", "user.two-factor.method.add",
        // Retired Login.gov types (revision 4.0 of the seed spec), for replayed history.
        "mfa-enroll-backup-code", "mfa-enroll-phone-otp-submitted", "mfa-enroll-piv-cac", "mfa-enroll-totp", "mfa-enroll-webauthn-platform", "mfa-enroll-webauthn-roaming",
    ];

    // Events that carry the answer to an MFA challenge; the rest of mfa.verify (codes sent, challenges, magic links,
    // failures) are attempts. Login.gov reports a code sent with success=true, which must not count as a pass.
    private static readonly string[] MfaAnswerTypes =
    [
        "mfa-login-auth-submitted", "user.two-factor.success",
        // Retired Login.gov types (revision 3.0 of the seed spec), for replayed history.
        "mfa-login-backup-code-submitted", "mfa-login-phone-otp-submitted", "mfa-login-piv-cac-submitted", "mfa-login-totp-submitted",
        "mfa-login-webauthn-platform-submitted", "mfa-login-webauthn-roaming-submitted",
    ];

    // Account creations that count as a registration. Named rather than "any registration.account type": stored Entrust
    // user.created events (an administrator's action) still carry that milestone, and must stay out when the index is rebuilt.
    private static readonly string[] AccountCreatedTypes =
        ["user.registration.completed", "user.create", "user.registration.create", "user.loginId.duplicate.create"];

    private static readonly string[] MfaEnrollCodeTypes =
        ["mfa-enroll-phone-otp-sent", "mfa-enroll-phone-otp-sent-rate-limited", "mfa-enroll-code-rate-limited", "mfa-enroll-options-selected"];

    /// <summary>Identity verification (Login.gov proofing).</summary>
    public static FunnelDefinition IdentityVerification { get; } = new(
        "idv",
        "Identity verification",
        "Login.gov identity proofing, from the first document upload to a verified identity, by phone, by mail or in person.",
        [
            new("document-upload", "Document upload", "Document images uploaded or tried (a failed upload counts: the person started).",
                [new(Milestones.IdvDocumentUpload, null, StepReach.AnyOutcome)]),
            new("document-verified", "Document verified", "The vendor accepted the document.",
                [new(Milestones.IdvDocument, null, StepReach.Success)], Window: TimeSpan.FromMinutes(30)),
            new("ssn", "SSN", "A Social Security Number submitted and accepted.",
                [new(Milestones.IdvSsn, null, StepReach.Success)], Window: OnlineStep, MinHumanTime: TimeSpan.FromSeconds(5)),
            new("address", "Address", "An address entered by hand (only some people need to; otherwise implied by a later step).",
                [new(Milestones.IdvAddress, null, StepReach.Success)], Window: OnlineStep, ImpliedByLaterSteps: true, MinHumanTime: TimeSpan.FromSeconds(5)),
            new("phone", "Phone", "A phone number submitted or verified (implied for people who verify by mail or in person).",
                [new(Milestones.IdvPhone, null, StepReach.Success)], Window: OnlineStep, ImpliedByLaterSteps: true, MinHumanTime: TimeSpan.FromSeconds(5)),
            new("phone-code", "Phone code", "The one-time code sent to that phone entered correctly.",
                [new(Milestones.IdvPhoneCode, ["idv-phone-otp-submitted"], StepReach.Success), new(Milestones.IdvPhoneCode, ["idv-phone-otp-sent"], StepReach.Never)],
                Window: TimeSpan.FromMinutes(15), ImpliedByLaterSteps: true, MinHumanTime: TimeSpan.FromSeconds(5)),
            new("verification", "Verification submitted", "The identity data verified by the resolution vendor.",
                [new(Milestones.IdvVerification, null, StepReach.Success)], Window: OnlineStep, MinHumanTime: TimeSpan.FromSeconds(5)),
            new("fraud-check", "Fraud check", "The fraud (TMX) check passed.",
                [new(Milestones.IdvFraudCheck, null, StepReach.Success)], Window: OnlineStep),
            new("verified", "Identity verified", "Enrollment complete (or a reproof).",
                [new(Milestones.IdvComplete, null, StepReach.SuccessOrInfo)], Window: OnlineStep, MinHumanTime: TimeSpan.FromSeconds(5)),
        ],
        [
            new("mail", "Verify by mail", "Instead of a phone, a letter with a code is mailed to the address; the code comes back days later.", 2,
            [
                new("letter-requested", "Letter requested", "A verification letter requested.",
                    [new(Milestones.IdvMail, ["idv-verify-by-mail-letter-requested"], StepReach.SuccessOrInfo)], Window: OnlineStep),
                new("letter-code", "Code from letter entered", "The code from the letter entered correctly.",
                    [new(Milestones.IdvMail, ["idv-verify-by-mail-enter-code-submitted"], StepReach.Success)], Window: TimeSpan.FromDays(30)),
            ], TimeSpan.FromHours(1)),
            new("in-person", "Verify in person", "The document is checked at a post office instead of online.", 0,
            [
                new("ready-to-visit", "Ready to verify in person", "The person can now visit a post office.",
                    [new(Milestones.IdvInPerson, null, StepReach.SuccessOrInfo)], Window: OnlineStep),
            ], TimeSpan.FromDays(30)),
        ],
        TimeSpan.FromDays(30));

    /// <summary>Sign-in across all four providers.</summary>
    public static FunnelDefinition SignIn { get; } = new(
        "sign-in",
        "Sign-in",
        "Every provider's sign-ins: the first factor, the second factor, and signed in.",
        [
            new("started", "Sign-in started", "Any sign-in event: a password tried, a policy check, an MFA prompt, or a sign-in reported whole.",
            [
                new(Milestones.LoginPassword, null, StepReach.AnyOutcome), new(Milestones.LoginPolicy, null, StepReach.AnyOutcome),
                new(Milestones.MfaVerify, null, StepReach.AnyOutcome), new(Milestones.LoginComplete, null, StepReach.Success),
            ]),
            new("password", "Password accepted", "The first factor passed (implied by an MFA prompt or a completed sign-in when the provider reports no separate event).",
                [new(Milestones.LoginPassword, null, StepReach.Success)], ImpliedByLaterSteps: true),
            new("mfa", "Second factor passed", "An MFA answer accepted, or no second factor asked for (implied by a completed sign-in). A code sent or a challenge issued is an attempt, not a pass.",
                [new(Milestones.MfaVerify, MfaAnswerTypes, StepReach.Success), new(Milestones.MfaVerify, null, StepReach.Never)], ImpliedByLaterSteps: true),
            new("signed-in", "Signed in", "The provider reports the sign-in complete.",
                [new(Milestones.LoginComplete, null, StepReach.Success)]),
        ],
        [],
        TimeSpan.FromMinutes(30));

    /// <summary>Setting up an MFA method.</summary>
    public static FunnelDefinition MfaEnrollment { get; } = new(
        "mfa-enrollment",
        "MFA enrollment",
        "Setting up a second factor: a code sent to the new phone (where the provider sends one), then the method enrolled.",
        [
            new("started", "Enrollment started", "A code sent to the phone being enrolled, a rate limit on it, or a method enrolled at once.",
                [new(Milestones.MfaEnroll, MfaEnrollCodeTypes, StepReach.AnyOutcome), new(Milestones.MfaEnroll, MfaEnrolledTypes, StepReach.AnyOutcome)]),
            new("enrolled", "Method enrolled", "An MFA method, grid card, passkey, face biometric or security question set up.",
                [new(Milestones.MfaEnroll, MfaEnrolledTypes, StepReach.SuccessOrInfo)], MinHumanTime: TimeSpan.FromSeconds(5)),
        ],
        [],
        TimeSpan.FromHours(1));

    /// <summary>Creating an account.</summary>
    public static FunnelDefinition Registration { get; } = new(
        "registration",
        "Registration",
        "Creating an account: the e-mail address submitted, confirmed from the link, a password chosen, and a second factor enrolled.",
        [
            new("started", "Registration started", "An e-mail address submitted for a new account, or an account created (in Entrust only by self-registration: an account an administrator creates is not a registration).",
                [new(Milestones.RegistrationEmail, null, StepReach.AnyOutcome), new(Milestones.RegistrationAccount, AccountCreatedTypes, StepReach.AnyOutcome)]),
            new("email-confirmed", "E-mail confirmed", "The confirmation link followed or the address verified.",
                [new(Milestones.RegistrationConfirm, null, StepReach.SuccessOrInfo)], Window: TimeSpan.FromDays(1), MinHumanTime: TimeSpan.FromSeconds(5)),
            new("password", "Password set", "A password accepted for the new account.",
                [new(Milestones.RegistrationPassword, null, StepReach.SuccessOrInfo)], Window: OnlineStep, MinHumanTime: TimeSpan.FromSeconds(3)),
            new("mfa-enrolled", "MFA enrolled", "A second factor set up for the new account.",
                [new(Milestones.MfaEnroll, MfaEnrolledTypes, StepReach.SuccessOrInfo), new(Milestones.MfaEnroll, MfaEnrollCodeTypes, StepReach.Never)],
                Window: OnlineStep, MinHumanTime: TimeSpan.FromSeconds(5)),
        ],
        [],
        TimeSpan.FromDays(7));

    /// <summary>Resetting a forgotten password.</summary>
    public static FunnelDefinition Recovery { get; } = new(
        "recovery",
        "Account recovery",
        "Resetting a forgotten password: the reset requested, the link followed, a new password set.",
        [
            new("requested", "Reset requested", "A password reset e-mail requested or sent.",
                [new(Milestones.RecoveryRequest, null, StepReach.AnyOutcome)]),
            new("link-followed", "Link followed", "The reset link followed.",
                [new(Milestones.RecoveryConfirm, null, StepReach.SuccessOrInfo)], Window: TimeSpan.FromDays(1), MinHumanTime: TimeSpan.FromSeconds(5)),
            new("password-set", "New password set", "A new password accepted.",
                [new(Milestones.RecoveryPassword, null, StepReach.Success)], Window: OnlineStep, MinHumanTime: TimeSpan.FromSeconds(3)),
        ],
        [],
        TimeSpan.FromDays(1));

    /// <summary>Every funnel, in picker order. At most 31: the store keeps a bit per funnel.</summary>
    public static IReadOnlyList<FunnelDefinition> All { get; } = [IdentityVerification, SignIn, MfaEnrollment, Registration, Recovery];

    /// <summary>
    /// A fingerprint of every definition and of the engine's semantics. The store keeps the fingerprint its journey
    /// index was built with and rebuilds the index when it differs, so a changed definition never mixes with old attempts.
    /// </summary>
    public static string Fingerprint { get; } = ComputeFingerprint();

    /// <summary>The funnel with <paramref name="id"/>, or null.</summary>
    public static FunnelDefinition? Find(string? id) =>
        All.FirstOrDefault(f => string.Equals(f.Id, id, StringComparison.Ordinal));

    /// <summary>Bit mask of the funnels (bit = position in <see cref="All"/>) that an event of this milestone and type concerns.</summary>
    public static int MaskOf(string milestone, string eventType)
    {
        var mask = 0;
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i].Concerns(milestone, eventType))
            {
                mask |= 1 << i;
            }
        }

        return mask;
    }

    private static string ComputeFingerprint()
    {
        var text = new StringBuilder("engine=").Append(EngineVersion).Append('\n');
        foreach (var funnel in All)
        {
            text.Append(funnel.Id).Append('|').Append(funnel.ConversionWindow.Ticks.ToString(CultureInfo.InvariantCulture)).Append('\n');
            foreach (var step in funnel.Steps)
            {
                AppendStep(text, "", step);
            }

            foreach (var branch in funnel.Branches)
            {
                text.Append(" branch ").Append(branch.Id).Append('|').Append(branch.FromStep.ToString(CultureInfo.InvariantCulture))
                    .Append('|').Append(branch.RejoinWindow.Ticks.ToString(CultureInfo.InvariantCulture)).Append('\n');
                foreach (var step in branch.Steps)
                {
                    AppendStep(text, "  ", step);
                }
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static void AppendStep(StringBuilder text, string indent, FunnelStep step)
    {
        text.Append(indent).Append(step.Id).Append('|').Append(step.Window?.Ticks.ToString(CultureInfo.InvariantCulture))
            .Append('|').Append(step.ImpliedByLaterSteps ? '1' : '0').Append('|').Append(step.MinHumanTime?.Ticks.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var signal in step.Signals)
        {
            text.Append(indent).Append(' ').Append(signal.Milestone).Append('|').Append(signal.Reach.ToString())
                .Append('|').Append(signal.EventTypes is null ? "*" : string.Join(',', signal.EventTypes)).Append('\n');
        }
    }
}
