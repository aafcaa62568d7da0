using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Normalization;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class FailureReasonCatalogTests
{
    [Theory]
    [InlineData("password_secret_bad", CanonicalReasons.InvalidCredentials)]
    [InlineData("platform_secret_bad", CanonicalReasons.InvalidCredentials)]
    [InlineData("platform_secret_disabled", CanonicalReasons.InvalidCredentials)]
    [InlineData("platform_secret_proxy", CanonicalReasons.InvalidCredentials)]
    [InlineData("totp_bad", CanonicalReasons.MfaInvalid)]
    [InlineData("u2f_bad", CanonicalReasons.MfaInvalid)]
    [InlineData("duo_bad", CanonicalReasons.MfaInvalid)]
    [InlineData("duo_native_bad", CanonicalReasons.MfaInvalid)]
    [InlineData("code_bad", CanonicalReasons.MfaInvalid)]
    [InlineData("totp_timeout", CanonicalReasons.MfaTimeout)]
    [InlineData("u2f_timeout", CanonicalReasons.MfaTimeout)]
    [InlineData("u2f_timout", CanonicalReasons.MfaTimeout)]
    [InlineData("duo_timeout", CanonicalReasons.MfaTimeout)]
    [InlineData("code_timeout", CanonicalReasons.MfaTimeout)]
    [InlineData("passkey_timeout", CanonicalReasons.MfaTimeout)]
    [InlineData("totp_disabled", CanonicalReasons.MfaMissing)]
    [InlineData("u2f_disabled", CanonicalReasons.MfaMissing)]
    [InlineData("duo_disabled", CanonicalReasons.MfaMissing)]
    [InlineData("code_disabled", CanonicalReasons.MfaMissing)]
    [InlineData("mfa_missing", CanonicalReasons.MfaMissing)]
    [InlineData("all_blocked", CanonicalReasons.BlockedByPolicy)]
    [InlineData("anonymous_blocked", CanonicalReasons.BlockedByPolicy)]
    [InlineData("continent_blocked", CanonicalReasons.BlockedByPolicy)]
    [InlineData("country_blocked", CanonicalReasons.BlockedByPolicy)]
    [InlineData("ip_blocked", CanonicalReasons.BlockedByPolicy)]
    [InlineData("asn_blocked", CanonicalReasons.BlockedByPolicy)]
    [InlineData("non_sso_user", CanonicalReasons.SsoDenied)]
    [InlineData("service_account_sso_denied", CanonicalReasons.SsoDenied)]
    [InlineData("sso_user_mismatch", CanonicalReasons.SsoDenied)]
    [InlineData("modern_version_missing", CanonicalReasons.ClientOutdated)]
    [InlineData("modern_version_old", CanonicalReasons.ClientOutdated)]
    [InlineData("something_new", CanonicalReasons.Other)]
    public void Canonicalize_OnePasswordType_Grouped(string type, string canonical)
    {
        Assert.Equal(canonical, FailureReasonCatalog.Canonicalize(EventSource.OnePassword, "type", type));
    }

    [Theory]
    [InlineData("mfa-login-auth-submitted", "code", "code_incorrect", CanonicalReasons.MfaInvalid)]
    [InlineData("mfa-login-auth-submitted", "code", "user_otp_expired", CanonicalReasons.MfaTimeout)]
    [InlineData("mfa-login-auth-submitted", "backup_code", "invalid", CanonicalReasons.MfaInvalid)]
    [InlineData("mfa-login-auth-submitted", "token", "invalid", CanonicalReasons.MfaInvalid)]
    [InlineData("mfa-login-auth-submitted", "certificate", "invalid", CanonicalReasons.MfaInvalid)]
    [InlineData("mfa-login-auth-submitted", "token", "http_failure", CanonicalReasons.MfaInvalid)]
    [InlineData("mfa-login-auth-submitted", "certificate", "revoked", CanonicalReasons.MfaInvalid)]
    [InlineData("forgot-password-email-confirmed", "user", "blank", CanonicalReasons.TokenInvalid)]
    [InlineData("account-reset-account-deleted", "token", "The link to delete your Login.gov account has expired. Please create another request to delete your account.", CanonicalReasons.TokenInvalid)]
    [InlineData("user-registration-email-confirmed", "confirmation_token", "expired", CanonicalReasons.TokenInvalid)]
    [InlineData("user-registration-email-confirmed", "email", "already_confirmed", CanonicalReasons.TokenInvalid)]
    [InlineData("user-registration-email-submitted", "email", "Email address is not valid", CanonicalReasons.InvalidInput)]
    [InlineData("user-registration-password-submitted", "password", "too_short", CanonicalReasons.WeakPassword)]
    [InlineData("logged-in-password-change", "password_confirmation", "mismatch", CanonicalReasons.InvalidInput)]
    [InlineData("mfa-login-phone-otp-sent", "telephony", "Telephony::OptOutError - Pinpoint Error: PERMANENT_FAILURE - 400", CanonicalReasons.DeliveryFailed)]
    [InlineData("idv-phone-otp-sent", "telephony_errors", "opt_out", CanonicalReasons.DeliveryFailed)]
    [InlineData("idv-phone-otp-sent", "telephony_errors", "invalid_phone_number", CanonicalReasons.PhoneRejected)]
    [InlineData("idv-phone-submitted", "phone", "We are unable to send text messages to phone numbers in Narnia", CanonicalReasons.PhoneRejected)]
    [InlineData("idv-phone-otp-submitted", "code_expired", "true", CanonicalReasons.MfaTimeout)]
    [InlineData("idv-address-submitted", "state", "blank", CanonicalReasons.InvalidInput)]
    [InlineData("idv-address-submitted", "address", "not_found", CanonicalReasons.IdentityUnverified)]
    [InlineData("idv-verification-submitted", "pii", "anything", CanonicalReasons.IdentityUnverified)]
    [InlineData("idv-document-upload-submitted", "pii", "We couldn't read the barcode on your ID.", CanonicalReasons.DocumentRejected)]
    [InlineData("idv-tmx-fraud-check", "tmx_summary_reason_code", "Level_1_Link_Reject", CanonicalReasons.FraudSuspected)]
    [InlineData("idv-device-risk-assessment", "device", "high_risk", CanonicalReasons.FraudSuspected)]
    [InlineData("idv-ssn-submitted", "success", "false", CanonicalReasons.InvalidInput)]
    [InlineData("test-event", "whatever", "new_code", CanonicalReasons.Other)]
    public void Canonicalize_LoginGovCode_Grouped(string eventType, string field, string code, string canonical)
    {
        Assert.Equal(canonical, FailureReasonCatalog.Canonicalize(EventSource.LoginGov, field, code, eventType));
    }

    // Every code that says the person typed something malformed, on the events and fields that carry it.
    [Theory]
    [InlineData("idv-ssn-submitted", "ssn", "invalid")]
    [InlineData("idv-ssn-submitted", "ssn", "blank")]
    [InlineData("idv-ssn-submitted", "ssn", "pattern_mismatch")]
    [InlineData("idv-verification-submitted", "ssn", "invalid")]
    [InlineData("mfa-login-auth-submitted", "code", "wrong_length")]
    [InlineData("mfa-login-auth-submitted", "code", "pattern_mismatch")]
    [InlineData("mfa-login-auth-submitted", "code", "blank")]
    [InlineData("mfa-login-auth-submitted", "code", "too_short")]
    [InlineData("mfa-login-auth-submitted", "code", "too_long")]
    [InlineData("mfa-login-auth-submitted", "code", "code_incorrect_length")]
    [InlineData("mfa-login-auth-submitted", "code", "code_pattern_mismatch")]
    [InlineData("mfa-enrolled", "code", "wrong_length")]
    [InlineData("idv-phone-otp-submitted", "code", "wrong_length")]
    [InlineData("idv-verify-by-mail-enter-code-submitted", "otp", "blank")]
    [InlineData("idv-verify-by-mail-enter-code-submitted", "otp", "wrong_length")]
    [InlineData("idv-verify-by-mail-enter-code-submitted", "otp", "pattern_mismatch")]
    [InlineData("idv-phone-submitted", "phone", "improbable_phone")]
    [InlineData("idv-phone-submitted", "phone", "blank")]
    [InlineData("mfa-enrolled", "phone", "improbable_phone")]
    [InlineData("user-registration-email-submitted", "email", "invalid")]
    [InlineData("user-registration-email-submitted", "email", "Email address is not valid")]
    [InlineData("user-registration-email-submitted", "email", "blank")]
    [InlineData("user-registration-password-submitted", "password", "blank")]
    [InlineData("user-registration-password-submitted", "password", "too_long")]
    [InlineData("logged-in-password-change", "password_confirmation", "mismatch")]
    [InlineData("logged-in-password-change", "password_confirmation", "blank")]
    [InlineData("idv-address-submitted", "state", "blank")]
    [InlineData("idv-address-submitted", "city", "blank")]
    [InlineData("idv-address-submitted", "zipcode", "pattern_mismatch")]
    [InlineData("idv-address-submitted", "address1", "blank")]
    [InlineData("idv-address-submitted", "address1", "too_long")]
    [InlineData("idv-address-submitted", "address2", "too_long")]
    public void Canonicalize_LoginGovFormatError_InvalidInput(string eventType, string field, string code)
    {
        Assert.Equal(CanonicalReasons.InvalidInput, FailureReasonCatalog.Canonicalize(EventSource.LoginGov, field, code, eventType));
    }

    // The same words where they do not mean a typing mistake: a link without a token, a short (weak) password.
    [Theory]
    [InlineData("forgot-password-email-confirmed", "user", "blank", CanonicalReasons.TokenInvalid)]
    [InlineData("user-registration-password-submitted", "password", "too_short", CanonicalReasons.WeakPassword)]
    [InlineData("logged-in-password-change", "password_confirmation", "too_short", CanonicalReasons.WeakPassword)]
    [InlineData("idv-phone-otp-sent", "telephony_errors", "invalid_phone_number", CanonicalReasons.PhoneRejected)]
    public void Canonicalize_LoginGovFormatLookalike_NotInvalidInput(string eventType, string field, string code, string canonical)
    {
        Assert.Equal(canonical, FailureReasonCatalog.Canonicalize(EventSource.LoginGov, field, code, eventType));
    }

    [Fact]
    public void Rules_EveryFormatErrorCode_InvalidInput()
    {
        string[] formatCodes =
            ["blank", "too_long", "too_short", "wrong_length", "pattern_mismatch", "code_incorrect_length", "code_pattern_mismatch", "improbable_phone"];

        var rules = FailureReasonCatalog.Rules.Where(r => formatCodes.Contains(r.Code)).ToList();

        Assert.NotEmpty(rules);
        Assert.All(rules, r => Assert.Equal(CanonicalReasons.InvalidInput, r.Canonical));
    }

    [Theory]
    [InlineData(EventSource.Entrust, "token", "PASSWORD", CanonicalReasons.InvalidCredentials)]
    [InlineData(EventSource.Entrust, "token", "unknown", CanonicalReasons.InvalidCredentials)]
    [InlineData(EventSource.Entrust, "token", "SMARTCREDENTIALPUSH", CanonicalReasons.MfaInvalid)]
    [InlineData(EventSource.FusionAuth, "reason", "credentials", CanonicalReasons.InvalidCredentials)]
    [InlineData(EventSource.FusionAuth, "reason", "lambdaValidation", CanonicalReasons.Other)]
    [InlineData(EventSource.FusionAuth, "method", "recoveryCode", CanonicalReasons.MfaInvalid)]
    [InlineData(EventSource.FusionAuth, "password", "breached", CanonicalReasons.WeakPassword)]
    public void Canonicalize_WebhookProviderCode_Grouped(EventSource source, string field, string code, string canonical)
    {
        Assert.Equal(canonical, FailureReasonCatalog.Canonicalize(source, field, code));
    }

    [Fact]
    public void Create_AnyCode_RawCodeKept()
    {
        Assert.Equal(new FailureReason("type", "u2f_timout", CanonicalReasons.MfaTimeout), FailureReasonCatalog.Create(EventSource.OnePassword, "type", "u2f_timout"));
    }

    [Fact]
    public void Rules_EveryCanonicalValue_IsACanonicalReasonsConstant()
    {
        var constants = typeof(CanonicalReasons).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToHashSet();

        Assert.All(FailureReasonCatalog.Rules, r => Assert.Contains(r.Canonical, constants));
    }
}
