namespace AuthEvents.Core.Events;

/// <summary>
/// The milestones of an identity journey that events are classified into. Shared by the normalizers,
/// the store and the pages; <see cref="MilestoneCatalog"/> maps each provider event type onto one of them.
/// </summary>
public static class Milestones
{
    /// <summary>An e-mail address submitted to create an account.</summary>
    public const string RegistrationEmail = "registration.email";
    /// <summary>The registration e-mail link was clicked.</summary>
    public const string RegistrationConfirm = "registration.confirm";
    /// <summary>A password chosen for the new account.</summary>
    public const string RegistrationPassword = "registration.password";
    /// <summary>
    /// An account created, where the provider reports it as one event (Entrust self-registration, FusionAuth user creation);
    /// an Entrust administrator creating one is <see cref="AccountAdmin"/>.
    /// </summary>
    public const string RegistrationAccount = "registration.account";

    /// <summary>An MFA method enrolled, or a code sent while enrolling one.</summary>
    public const string MfaEnroll = "mfa.enroll";
    /// <summary>An MFA challenge answered (or a code sent for one) while signing in.</summary>
    public const string MfaVerify = "mfa.verify";

    /// <summary>The first factor: e-mail or user name and password.</summary>
    public const string LoginPassword = "login.password";
    /// <summary>A sign-in blocked by policy before credentials counted (firewall, SSO rules, client version).</summary>
    public const string LoginPolicy = "login.policy";
    /// <summary>A sign-in completed.</summary>
    public const string LoginComplete = "login.complete";
    /// <summary>A session ended: logout or timeout.</summary>
    public const string LoginSessionEnd = "login.session-end";

    /// <summary>A password reset requested.</summary>
    public const string RecoveryRequest = "recovery.request";
    /// <summary>The reset link was followed.</summary>
    public const string RecoveryConfirm = "recovery.confirm";
    /// <summary>A new password set through recovery.</summary>
    public const string RecoveryPassword = "recovery.password";
    /// <summary>An account deleted through the account-reset path.</summary>
    public const string RecoveryAccountReset = "recovery.account-reset";

    /// <summary>A signed-in user changed account settings (password change, account deletion, methods removed).</summary>
    public const string AccountChange = "account.change";

    /// <summary>Document images uploaded during identity verification.</summary>
    public const string IdvDocumentUpload = "idv.document-upload";
    /// <summary>The document was checked by the vendor.</summary>
    public const string IdvDocument = "idv.document";
    /// <summary>The device risk check.</summary>
    public const string IdvDeviceRisk = "idv.device-risk";
    /// <summary>Social Security Number submitted.</summary>
    public const string IdvSsn = "idv.ssn";
    /// <summary>Address submitted.</summary>
    public const string IdvAddress = "idv.address";
    /// <summary>Phone number submitted or verified.</summary>
    public const string IdvPhone = "idv.phone";
    /// <summary>Phone one-time code sent or submitted.</summary>
    public const string IdvPhoneCode = "idv.phone-code";
    /// <summary>The verification (resolution) step submitted.</summary>
    public const string IdvVerification = "idv.verification";
    /// <summary>The fraud check (e.g. TMX) ran.</summary>
    public const string IdvFraudCheck = "idv.fraud-check";
    /// <summary>Verify-by-mail branch: letter requested or code entered.</summary>
    public const string IdvMail = "idv.mail";
    /// <summary>In-person proofing branch.</summary>
    public const string IdvInPerson = "idv.in-person";
    /// <summary>Identity verification completed (enrollment complete, reproof).</summary>
    public const string IdvComplete = "idv.complete";

    /// <summary>
    /// An administrator acted on the account (e.g. created it). Not a step of the person's own journey, so in no funnel.
    /// </summary>
    public const string AccountAdmin = "account.admin";

    /// <summary>Anything the catalog does not know yet: kept, shown, never dropped.</summary>
    public const string Other = "other";

    // A position here is part of each event's stored step ordinal: add new milestones just before Other.
    /// <summary>Every milestone in journey order, for pickers and legends.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        RegistrationEmail, RegistrationConfirm, RegistrationPassword, RegistrationAccount,
        MfaEnroll, LoginPassword, LoginPolicy, MfaVerify, LoginComplete, LoginSessionEnd,
        RecoveryRequest, RecoveryConfirm, RecoveryPassword, RecoveryAccountReset, AccountChange,
        IdvDocumentUpload, IdvDocument, IdvDeviceRisk, IdvSsn, IdvAddress, IdvPhone, IdvPhoneCode,
        IdvVerification, IdvFraudCheck, IdvMail, IdvInPerson, IdvComplete, AccountAdmin, Other,
    ];
}
