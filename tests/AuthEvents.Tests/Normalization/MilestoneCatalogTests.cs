using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Normalization;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class MilestoneCatalogTests
{
    // docs/protocols/login-gov.md, "Event types".
    public static TheoryData<string> LoginGovTypes() =>
    [
        "login-email-and-password-auth", "login-rate-limited", "login-completed", "logout-initiated", "session-timeout",
        "mfa-login-auth-submitted", "mfa-login-phone-otp-sent", "mfa-login-phone-otp-sent-rate-limited", "mfa-submission-code-rate-limited",
        "logged-in-account-purged", "logged-in-password-change",
        "user-registration-email-submitted", "user-registration-email-submission-rate-limited", "user-registration-email-confirmed",
        "user-registration-password-submitted", "mfa-enrolled", "mfa-enroll-code-rate-limited", "mfa-enroll-phone-otp-sent",
        "mfa-enroll-phone-otp-sent-rate-limited",
        "account-reset-account-deleted", "forgot-password-email-sent", "forgot-password-email-confirmed", "forgot-password-new-password-submitted",
        "idv-address-submitted", "idv-device-risk-assessment", "idv-document-upload-submitted", "idv-document-uploaded",
        "idv-image-retrieval-failed", "idv-enrollment-complete", "idv-ipp-ready-to-verify-visit", "idv-reproof", "idv-phone-submitted",
        "idv-phone-otp-sent", "idv-phone-otp-submitted", "idv-phone-verified", "idv-rate-limited", "idv-ssn-submitted",
        "idv-tmx-fraud-check", "idv-verification-submitted", "idv-verify-by-mail-letter-requested", "idv-verify-by-mail-enter-code-submitted",
    ];

    // docs/protocols/one-password.md, "Categories and types".
    public static TheoryData<string> OnePasswordCategories() =>
    [
        "success", "credentials_failed", "mfa_failed", "sso_failed", "modern_version_failed", "firewall_failed", "firewall_reported_success",
    ];

    // docs/protocols/entrust.md, "Event types": all 16.
    public static TheoryData<string> EntrustTypes() =>
    [
        "authentication.succeeded", "authentication.failed", "user.created", "user.updated", "user.deleted", "user.registration.completed",
        "password.updated", "kba.question.created", "grid.created", "grid.email.sent", "grid.password.email.sent",
        "passkey.created", "passkey.updated", "passkey.deleted", "magiclink.email.sent", "face.biometric.created",
    ];

    // docs/protocols/fusionauth.md, "Event types": the sign-in types and the account types the journeys use.
    public static TheoryData<string> FusionAuthTypes() =>
    [
        "user.login.success", "user.login.failed", "user.login.suspicious", "user.login.new-device",
        "user.two-factor.challenge", "user.two-factor.success", "user.two-factor.failed.attempt",
        "user.two-factor.method.add", "user.two-factor.method.remove",
        "user.password.breach", "user.password.reset.send", "user.password.reset.start", "user.password.reset.success", "user.password.update",
        "user.deactivate", "user.reactivate", "user.loginId.duplicate.create", "user.loginId.duplicate.update", "user.identity-provider.link",
        "user.create", "user.registration.create", "user.email.verified", "user.registration.verified",
    ];

    [Theory]
    [MemberData(nameof(LoginGovTypes))]
    public void Resolve_LoginGovDocumentedType_NotOther(string type) => AssertKnown(EventSource.LoginGov, type);

    [Theory]
    [MemberData(nameof(OnePasswordCategories))]
    public void Resolve_OnePasswordCategory_NotOther(string type) => AssertKnown(EventSource.OnePassword, type);

    [Theory]
    [MemberData(nameof(EntrustTypes))]
    public void Resolve_EntrustDocumentedType_NotOther(string type) => AssertKnown(EventSource.Entrust, type);

    [Theory]
    [MemberData(nameof(FusionAuthTypes))]
    public void Resolve_FusionAuthJourneyType_NotOther(string type) => AssertKnown(EventSource.FusionAuth, type);

    [Theory]
    [InlineData(EventSource.LoginGov, "test-event", Outcome.Info)]
    [InlineData(EventSource.LoginGov, "brand-new-rate-limited", Outcome.RateLimited)]
    [InlineData(EventSource.OnePassword, "passkey_failed", Outcome.Failure)]
    [InlineData(EventSource.Entrust, "tenant.updated", Outcome.Info)]
    [InlineData(EventSource.Entrust, "transaction.succeeded", Outcome.Success)]
    [InlineData(EventSource.FusionAuth, "jwt.refresh", Outcome.Info)]
    [InlineData(EventSource.FusionAuth, "jwt.refresh-token.revoke", Outcome.Info)]
    public void Resolve_UnknownType_OtherWithProviderDefaultOutcome(EventSource source, string type, Outcome outcome)
    {
        var entry = MilestoneCatalog.Resolve(source, type);

        Assert.Equal(Milestones.Other, entry.Milestone);
        Assert.Equal(outcome, entry.DefaultOutcome);
    }

    [Theory]
    [InlineData("idv_doc_auth", Milestones.IdvDocument)]
    [InlineData("idv_resolution", Milestones.IdvVerification)]
    [InlineData("proof_ssn", Milestones.IdvSsn)]
    [InlineData("proof_address", Milestones.IdvAddress)]
    [InlineData("phone_confirmation", Milestones.IdvPhone)]
    [InlineData("idv_send_link", Milestones.IdvDocumentUpload)]
    [InlineData("something_else", Milestones.IdvVerification)]
    [InlineData(null, Milestones.IdvVerification)]
    public void Resolve_IdvRateLimitedByLimiter_MilestoneOfTheLimitedStep(string? limiter, string milestone)
    {
        var entry = MilestoneCatalog.Resolve(EventSource.LoginGov, "idv-rate-limited", limiter);

        Assert.Equal(milestone, entry.Milestone);
        Assert.Equal(Outcome.RateLimited, entry.DefaultOutcome);
    }

    [Theory]
    [InlineData("PASSWORD", Milestones.LoginPassword)]
    [InlineData(null, Milestones.LoginPassword)]
    [InlineData("OTP", Milestones.MfaVerify)]
    [InlineData("FIDO", Milestones.MfaVerify)]
    [InlineData("GRID", Milestones.MfaVerify)]
    [InlineData("PASSKEY", Milestones.MfaVerify)]
    public void Resolve_EntrustFailedByToken_FirstOrSecondFactor(string? token, string milestone)
    {
        Assert.Equal(milestone, MilestoneCatalog.Resolve(EventSource.Entrust, "authentication.failed", token ?? MilestoneCatalog.AbsentContext).Milestone);
    }

    [Theory]
    [InlineData("user.created", Milestones.AccountAdmin)]
    [InlineData("user.registration.completed", Milestones.RegistrationAccount)]
    public void Resolve_EntrustAccountCreation_AdminOrSelfRegistration(string type, string milestone)
    {
        Assert.Equal(milestone, MilestoneCatalog.Resolve(EventSource.Entrust, type).Milestone);
    }

    [Theory]
    [InlineData(EventSource.LoginGov, "login-completed", Outcome.Success)]
    [InlineData(EventSource.LoginGov, "idv-enrollment-complete", Outcome.Success)]
    [InlineData(EventSource.LoginGov, "idv-reproof", Outcome.Success)]
    [InlineData(EventSource.LoginGov, "session-timeout", Outcome.Info)]
    [InlineData(EventSource.OnePassword, "success", Outcome.Success)]
    [InlineData(EventSource.OnePassword, "firewall_reported_success", Outcome.Info)]
    [InlineData(EventSource.Entrust, "user.created", Outcome.Info)]
    [InlineData(EventSource.FusionAuth, "user.password.breach", Outcome.Failure)]
    public void Resolve_KnownType_DefaultOutcome(EventSource source, string type, Outcome outcome)
    {
        Assert.Equal(outcome, MilestoneCatalog.Resolve(source, type).DefaultOutcome);
    }

    [Fact]
    public void Entries_EverySource_HasOneFallbackRowAndOnlyKnownMilestones()
    {
        foreach (var source in Enum.GetValues<EventSource>())
        {
            Assert.Single(MilestoneCatalog.Entries, e => e.Source == source && e.EventType == "*");
        }

        Assert.All(MilestoneCatalog.Entries, e => Assert.Contains(e.Milestone, Milestones.All));
        Assert.All(MilestoneCatalog.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Description)));
    }

    [Fact]
    public void Entries_AnySource_NoTwoRowsForTheSameKey()
    {
        var keys = MilestoneCatalog.Entries.Select(e => (e.Source, e.EventType, e.Context)).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void Step_EventsOfOneJourney_FollowJourneyOrder()
    {
        var document = MilestoneCatalog.Resolve(EventSource.LoginGov, "idv-document-upload-submitted").Step;
        var ssn = MilestoneCatalog.Resolve(EventSource.LoginGov, "idv-ssn-submitted").Step;
        var complete = MilestoneCatalog.Resolve(EventSource.LoginGov, "idv-enrollment-complete").Step;
        var codeSent = MilestoneCatalog.Resolve(EventSource.LoginGov, "mfa-login-phone-otp-sent").Step;
        var codeSubmitted = MilestoneCatalog.Resolve(EventSource.LoginGov, "mfa-login-auth-submitted").Step;

        Assert.True(document < ssn && ssn < complete);
        Assert.True(codeSent < codeSubmitted);
        Assert.Equal(codeSent / 10, codeSubmitted / 10);
    }

    private static void AssertKnown(EventSource source, string type)
    {
        var entry = MilestoneCatalog.Resolve(source, type);

        Assert.NotEqual(Milestones.Other, entry.Milestone);
        Assert.Equal(type, entry.EventType);
    }
}
