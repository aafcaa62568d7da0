using AuthEvents.Core.Events;
using AuthEvents.Core.Inbox;
using AuthEvents.Core.LoginGov;
using AuthEvents.Core.Normalization;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Normalization;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class LoginGovNormalizerTests
{
    private const string Audience = "urn:gov:gsa:openidconnect.profiles:sp:sso:agency:example-app";
    private const string UserUuid = "5d2b8c7e-1f3a-4e6b-9c0d-7a8b9c0d1e2f";
    private const string Phone = "+1 (202) 555-0147";
    private static readonly string Device = string.Concat(Enumerable.Repeat("0123456789abcdef", 8));
    private static readonly DateTimeOffset ConstructedTime = new DateTimeOffset(2025, 5, 7, 10, 5, 45, TimeSpan.Zero).AddTicks(1_234_560);

    private readonly LoginGovNormalizer _normalizer = new(FixtureFiles.Hasher);

    private AuthEvent Accept(string fixture)
    {
        var result = _normalizer.Normalize(FixtureFiles.Record(EventSource.LoginGov, fixture));
        Assert.True(result.IsAccepted, result.RejectionReason);
        return result.Event!;
    }

    [Fact]
    public void Normalize_ReferencePasswordSet_FailureWithCredentialsReasonAndEmailPerson()
    {
        var e = Accept("set-login-email-and-password-auth");

        Assert.Equal(EventSource.LoginGov, e.Source);
        Assert.Equal(Audience, e.Tenant);
        Assert.Equal("1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed", e.ProviderEventId);
        Assert.Equal("login-email-and-password-auth", e.EventType);
        Assert.Equal(Milestones.LoginPassword, e.Milestone);
        Assert.Equal(Outcome.Failure, e.Outcome);
        Assert.Equal([new FailureReason("credentials", "success_false", CanonicalReasons.InvalidCredentials)], e.FailureReasons);
        Assert.Null(e.SubjectKey);
        Assert.Equal(FixtureFiles.Hasher.HashEmail("jane.doe@example.com"), e.PersonKey);
        Assert.StartsWith("email:", e.PersonKey, StringComparison.Ordinal);
        Assert.Equal("j***@example.com", e.EmailMasked);
        Assert.Equal("c3499c2729730a7f807efb8676a92dcb6f8a3f8f", e.SessionKey);
        Assert.Equal("192.0.2.10", e.Ip);
        Assert.Equal("Mozilla/5.0 (X11; Linux x86_64) Firefox/135.0", e.UserAgent);
        Assert.Equal(FixtureFiles.Hasher.Hash("device", new string('a', 128)), e.DeviceKey);
        Assert.Null(e.Authenticator);
        Assert.Null(e.PhoneHash);
        Assert.Null(e.Country);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(17_410_278_435_123_450), e.OccurredAt);
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 18, 50, 43, TimeSpan.Zero).AddTicks(5_123_450), e.OccurredAt);
        Assert.Equal(FixtureFiles.ReceivedAt, e.ReceivedAt);
        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["iss"] = "https://secure.login.gov/",
                ["language"] = "en",
                ["aws_region"] = "us-west-2",
                ["application_url"] = "https://app.example.gov/auth/callback",
                ["sp_session_id"] = "abc123-sp-supplied",
            },
            new SortedDictionary<string, string>(e.Attributes.ToDictionary(), StringComparer.Ordinal));
    }

    [Fact]
    public void Normalize_ReferenceMfaSet_FailureWithPatternMismatchAsInvalidInput()
    {
        var e = Accept("set-mfa-login-auth-submitted");

        Assert.Equal("2c8e7ade-ccfe-4c3e-8c6e-bc9e0cce5cfe", e.ProviderEventId);
        Assert.Equal("mfa-login-auth-submitted", e.EventType);
        Assert.Equal(Milestones.MfaVerify, e.Milestone);
        Assert.Equal(Outcome.Failure, e.Outcome);
        Assert.Equal([new FailureReason("code", "pattern_mismatch", CanonicalReasons.InvalidInput)], e.FailureReasons);
        Assert.Equal("6c3f2b1e-8d4a-4f0e-9b7a-2d1c0e9f8a7b", e.SubjectKey);
        Assert.Equal("logingov:6c3f2b1e-8d4a-4f0e-9b7a-2d1c0e9f8a7b", e.PersonKey);
        Assert.Null(e.EmailMasked);
        Assert.Equal("otp", e.Authenticator);
        Assert.Equal("otp", e.Attributes["mfa_device_type"]);
        Assert.Equal("false", e.Attributes["reauthentication"]);
    }

    [Fact]
    public void Normalize_ReferenceLoginCompletedSet_SuccessWithoutReasons()
    {
        var e = Accept("set-login-completed");

        Assert.Equal("3d7f6bef-ddff-4d4f-9d7f-cdaf1ddf6d0f", e.ProviderEventId);
        Assert.Equal(Milestones.LoginComplete, e.Milestone);
        Assert.Equal(Outcome.Success, e.Outcome);
        Assert.Empty(e.FailureReasons);
        Assert.Equal(MilestoneCatalog.Resolve(EventSource.LoginGov, "login-completed").Step, e.Step);
    }

    [Fact]
    public void Normalize_DocumentUploadSubmitted_ClassifiedWithoutAnyIdentityData()
    {
        var e = Accept("idv-document-upload-submitted");

        Assert.Equal("a1000001-0000-4000-8000-000000000001", e.ProviderEventId);
        Assert.Equal(Milestones.IdvDocument, e.Milestone);
        Assert.Equal(Outcome.Success, e.Outcome);
        Assert.Empty(e.FailureReasons);
        Assert.Equal(UserUuid, e.SubjectKey);
        Assert.Equal("logingov:" + UserUuid, e.PersonKey);
        Assert.Equal("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b", e.SessionKey);
        Assert.Equal("198.51.100.23", e.Ip);
        Assert.Equal(FixtureFiles.Hasher.Hash("device", Device), e.DeviceKey);
        Assert.Null(e.City);
        Assert.Null(e.Country);
        Assert.Equal(ConstructedTime, e.OccurredAt);
        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["iss"] = "https://secure.login.gov/",
                ["language"] = "es",
                ["aws_region"] = "us-west-2",
                ["application_url"] = "https://benefits.example.gov/auth/result",
                ["liveness_checking_required"] = "true",
                ["sp_session_id"] = "sp-session-7781",
            },
            new SortedDictionary<string, string>(e.Attributes.ToDictionary(), StringComparer.Ordinal));
    }

    [Fact]
    public void Normalize_DocumentUploadFailed_OneReasonPerCodeWithSentencesKept()
    {
        var e = Accept("idv-document-upload-submitted-failed");

        Assert.Equal(Outcome.Failure, e.Outcome);
        Assert.Equal(
            [
                new FailureReason("pii", "We couldn't read the barcode on the back of your ID. Try taking a new picture.", CanonicalReasons.DocumentRejected),
                new FailureReason("pii", "The document has expired, or we couldn't read the expiration date on your ID. If your ID is not expired, try taking new pictures.", CanonicalReasons.DocumentRejected),
                new FailureReason("front", "Image is too small or blurry, please try again.", CanonicalReasons.DocumentRejected),
            ],
            e.FailureReasons);
    }

    [Theory]
    [InlineData("idv-document-uploaded", "idv-document-uploaded", Milestones.IdvDocumentUpload, Outcome.Success)]
    [InlineData("idv-ssn-submitted", "idv-ssn-submitted", Milestones.IdvSsn, Outcome.Success)]
    [InlineData("idv-phone-verified", "idv-phone-verified", Milestones.IdvPhone, Outcome.Success)]
    [InlineData("idv-phone-otp-sent-seed-spelling", "idv-phone-otp-sent", Milestones.IdvPhoneCode, Outcome.Success)]
    [InlineData("idv-device-risk-assessment", "idv-device-risk-assessment", Milestones.IdvDeviceRisk, Outcome.Success)]
    [InlineData("idv-verify-by-mail-letter-requested", "idv-verify-by-mail-letter-requested", Milestones.IdvMail, Outcome.Info)]
    [InlineData("idv-ipp-ready-to-verify-visit", "idv-ipp-ready-to-verify-visit", Milestones.IdvInPerson, Outcome.Info)]
    [InlineData("idv-enrollment-complete", "idv-enrollment-complete", Milestones.IdvComplete, Outcome.Success)]
    [InlineData("idv-reproof", "idv-reproof", Milestones.IdvComplete, Outcome.Success)]
    [InlineData("mfa-login-phone-otp-sent", "mfa-login-phone-otp-sent", Milestones.MfaVerify, Outcome.Success)]
    [InlineData("mfa-enrolled-phone", "mfa-enrolled", Milestones.MfaEnroll, Outcome.Success)]
    [InlineData("login-email-and-password-auth-success", "login-email-and-password-auth", Milestones.LoginPassword, Outcome.Success)]
    public void Normalize_AcceptedEvent_MilestoneAndOutcomeFromCatalog(string fixture, string eventType, string milestone, Outcome outcome)
    {
        var e = Accept(fixture);

        Assert.Equal(eventType, e.EventType);
        Assert.Equal(milestone, e.Milestone);
        Assert.Equal(outcome, e.Outcome);
        Assert.Empty(e.FailureReasons);
        Assert.Equal(ConstructedTime, e.OccurredAt);
    }

    [Theory]
    [InlineData("idv-image-retrieval-failed", Milestones.IdvDocument, "document_front_image_file_id", "not_found", CanonicalReasons.DocumentRejected)]
    [InlineData("idv-ssn-submitted-seed-spelling", Milestones.IdvSsn, "ssn", "pattern_mismatch", CanonicalReasons.InvalidInput)]
    [InlineData("idv-verification-submitted", Milestones.IdvVerification, "idv_verification", "resolution_failed", CanonicalReasons.IdentityUnverified)]
    [InlineData("idv-ssn-submitted-invalid", Milestones.IdvSsn, "ssn", "invalid", CanonicalReasons.InvalidInput)]
    [InlineData("mfa-login-auth-submitted-wrong-length", Milestones.MfaVerify, "code", "wrong_length", CanonicalReasons.InvalidInput)]
    [InlineData("idv-phone-submitted", Milestones.IdvPhone, "phone", "improbable_phone", CanonicalReasons.InvalidInput)]
    [InlineData("idv-phone-submitted-unsupported-country", Milestones.IdvPhone, "phone", "We are unable to send text messages to phone numbers in Cuba", CanonicalReasons.PhoneRejected)]
    [InlineData("forgot-password-email-confirmed-blank-user", Milestones.RecoveryConfirm, "user", "blank", CanonicalReasons.TokenInvalid)]
    [InlineData("idv-phone-otp-submitted", Milestones.IdvPhoneCode, "code_matches", "false", CanonicalReasons.MfaInvalid)]
    [InlineData("idv-verify-by-mail-enter-code-submitted", Milestones.IdvMail, "otp", "confirmation_code_incorrect", CanonicalReasons.MfaInvalid)]
    public void Normalize_FailedEvent_SingleReasonWithCanonicalCode(string fixture, string milestone, string field, string code, string canonical)
    {
        var e = Accept(fixture);

        Assert.Equal(milestone, e.Milestone);
        Assert.Equal(Outcome.Failure, e.Outcome);
        Assert.Equal([new FailureReason(field, code, canonical)], e.FailureReasons);
    }

    [Fact]
    public void Normalize_AddressSubmittedFailed_ReasonsPerFieldAndNoAddress()
    {
        var e = Accept("idv-address-submitted");

        Assert.Equal(Milestones.IdvAddress, e.Milestone);
        Assert.Equal(
            [
                new FailureReason("zipcode", "pattern_mismatch", CanonicalReasons.InvalidInput),
                new FailureReason("address1", "too_long", CanonicalReasons.InvalidInput),
            ],
            e.FailureReasons);
        Assert.Equal("true", e.Attributes["address_edited"]);
        Assert.Null(e.City);
        Assert.Null(e.Country);
    }

    [Fact]
    public void Normalize_TmxFraudCheckFailed_EveryRuleCodeIsFraudSuspected()
    {
        var e = Accept("idv-tmx-fraud-check");

        Assert.Equal(Milestones.IdvFraudCheck, e.Milestone);
        Assert.Equal(
            [
                new FailureReason("tmx_summary_reason_code", "Identity_Negative_History", CanonicalReasons.FraudSuspected),
                new FailureReason("tmx_summary_reason_code", "Bot", CanonicalReasons.FraudSuspected),
            ],
            e.FailureReasons);
    }

    [Fact]
    public void Normalize_SeedSpellings_ReadLikeCodeSpellings()
    {
        var e = Accept("idv-ssn-submitted-seed-spelling");

        Assert.Equal("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/136.0", e.UserAgent);
        Assert.Equal(FixtureFiles.Hasher.Hash("device", Device), e.DeviceKey);
    }

    [Fact]
    public void Normalize_OptDeliveryMethodSpelling_AuthenticatorAndAttributeUnderCodeName()
    {
        var e = Accept("idv-phone-otp-sent-seed-spelling");

        Assert.Equal("voice", e.Authenticator);
        Assert.Equal("voice", e.Attributes["otp_delivery_method"]);
        Assert.False(e.Attributes.ContainsKey("opt_delivery_method"));
        Assert.Equal(FixtureFiles.Hasher.HashPhone("+12025550147"), e.PhoneHash);
        Assert.Equal("***47", e.Attributes["phone_masked"]);
    }

    [Fact]
    public void Normalize_DeviceRiskAssessment_DeviceKeyFromDeviceIdNotEventFingerprint()
    {
        var e = Accept("idv-device-risk-assessment");

        Assert.Equal(FixtureFiles.Hasher.Hash("device", Device), e.DeviceKey);
    }

    [Theory]
    [InlineData("idv-rate-limited-proof-ssn", "proof_ssn", Milestones.IdvSsn)]
    [InlineData("idv-rate-limited-seed-spelling", "phone_confirmation", Milestones.IdvPhone)]
    [InlineData("idv-rate-limited-unknown-limiter", "idv_brand_new_limiter", Milestones.IdvVerification)]
    public void Normalize_IdvRateLimited_MilestoneByLimiterTypeAndRateLimitReason(string fixture, string limiter, string milestone)
    {
        var e = Accept(fixture);

        Assert.Equal("idv-rate-limited", e.EventType);
        Assert.Equal(milestone, e.Milestone);
        Assert.Equal(Outcome.RateLimited, e.Outcome);
        Assert.Equal([new FailureReason("rate_limit", limiter, CanonicalReasons.RateLimited)], e.FailureReasons);
        Assert.Equal(limiter, e.Attributes["limiter_type"]);
    }

    [Fact]
    public void Normalize_RateLimitedWithPhoneAlias_PhoneHashedAndMasked()
    {
        var e = Accept("idv-rate-limited-seed-spelling");

        Assert.Equal(FixtureFiles.Hasher.HashPhone(Phone), e.PhoneHash);
        Assert.Equal("***47", e.Attributes["phone_masked"]);
        Assert.False(e.Attributes.ContainsKey("rate_limit_type"));
    }

    [Fact]
    public void Normalize_LoginRateLimited_ReasonCodeIsEventTypeAndPersonFromEmail()
    {
        var e = Accept("login-rate-limited");

        Assert.Equal(Milestones.LoginPassword, e.Milestone);
        Assert.Equal(Outcome.RateLimited, e.Outcome);
        Assert.Equal([new FailureReason("rate_limit", "login-rate-limited", CanonicalReasons.RateLimited)], e.FailureReasons);
        Assert.Null(e.SubjectKey);
        Assert.Equal(FixtureFiles.Hasher.HashEmail("zeb.quack@example.org"), e.PersonKey);
        Assert.Equal("z***@example.org", e.EmailMasked);
    }

    [Fact]
    public void Normalize_MfaLoginPhoneOtpSent_AuthenticatorIsDeliveryMethod()
    {
        var e = Accept("mfa-login-phone-otp-sent");

        Assert.Equal("sms", e.Authenticator);
        Assert.Equal("true", e.Attributes["reauthentication"]);
        Assert.Equal(FixtureFiles.Hasher.HashPhone(Phone), e.PhoneHash);
    }

    [Theory]
    [InlineData("mfa-login-phone-otp-sent", "US")]
    [InlineData("idv-rate-limited-seed-spelling", "US")]
    [InlineData("idv-phone-submitted-unsupported-country", "CU")]
    [InlineData("mfa-enroll-phone-otp-sent-uk", "GB")]
    public void Normalize_PhoneNumber_RegionKeptButNeverTheNumber(string fixture, string region)
    {
        var e = Accept(fixture);

        Assert.Equal(region, e.Attributes["phone_region"]);
        Assert.NotNull(e.PhoneHash);
    }

    [Fact]
    public void Normalize_UkPhoneOtpSentWhileEnrolling_GbRegionHashAndLastTwoDigits()
    {
        var e = Accept("mfa-enroll-phone-otp-sent-uk");

        Assert.Equal((Milestones.MfaEnroll, Outcome.Success), (e.Milestone, e.Outcome));
        Assert.Equal(FixtureFiles.Hasher.HashPhone("+447400123456"), e.PhoneHash);
        Assert.Equal("***56", e.Attributes["phone_masked"]);
        Assert.Equal("GB", e.Attributes["phone_region"]);
    }

    [Fact]
    public void Normalize_UnparseablePhoneNumber_AcceptedWithoutRegion()
    {
        var e = Accept("mfa-login-phone-otp-sent-unparseable-phone");

        Assert.Equal(Milestones.MfaVerify, e.Milestone);
        Assert.Equal("***", e.Attributes["phone_masked"]);
        Assert.False(e.Attributes.ContainsKey("phone_region"));
    }

    [Fact]
    public void Normalize_NoPhoneNumber_NoRegion()
    {
        var e = Accept("set-login-email-and-password-auth");

        Assert.False(e.Attributes.ContainsKey("phone_region"));
    }

    [Fact]
    public void Normalize_PasswordResetFailed_WeakPasswordAndExpiredToken()
    {
        var e = Accept("forgot-password-new-password-submitted-failed");

        Assert.Equal(Milestones.RecoveryPassword, e.Milestone);
        Assert.Equal(
            [
                new FailureReason("password", "pwned", CanonicalReasons.WeakPassword),
                new FailureReason("reset_password_token", "token_expired_error", CanonicalReasons.TokenInvalid),
            ],
            e.FailureReasons);
    }

    [Fact]
    public void Normalize_InPersonJobEventWithNullSession_SessionFieldsNull()
    {
        var e = Accept("idv-ipp-ready-to-verify-visit");

        Assert.Null(e.SessionKey);
        Assert.Null(e.UserAgent);
        Assert.Null(e.DeviceKey);
        Assert.False(e.Attributes.ContainsKey("sp_session_id"));
    }

    [Fact]
    public void Normalize_HistoricalIntegerOccurredAt_WholeSeconds()
    {
        var e = Accept("occurred-at-integer");

        Assert.Equal(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero), e.OccurredAt);
        Assert.False(e.Attributes.ContainsKey("application_url"));
    }

    [Fact]
    public void Normalize_EnrollmentComplete_ReproofFlagKept()
    {
        Assert.Equal("false", Accept("idv-enrollment-complete").Attributes["reproof"]);
        Assert.Equal("true", Accept("idv-verify-by-mail-letter-requested").Attributes["resend"]);
    }

    [Fact]
    public void Normalize_UnknownEventType_KeptAsOtherInfo()
    {
        var e = Accept("unknown-event-type");

        Assert.Equal("idv-brand-new-step", e.EventType);
        Assert.Equal(Milestones.Other, e.Milestone);
        Assert.Equal(Outcome.Info, e.Outcome);
    }

    [Fact]
    public void Normalize_UnknownRateLimitedType_OtherButRateLimited()
    {
        var e = Accept("unknown-rate-limited-type");

        Assert.Equal(Milestones.Other, e.Milestone);
        Assert.Equal(Outcome.RateLimited, e.Outcome);
        Assert.Equal([new FailureReason("rate_limit", "passkey-enroll-rate-limited", CanonicalReasons.RateLimited)], e.FailureReasons);
    }

    [Fact]
    public void Normalize_UnknownFields_IgnoredAndNotCopied()
    {
        var e = Accept("unknown-fields");

        Assert.Equal(Milestones.LoginComplete, e.Milestone);
        Assert.Equal(Outcome.Success, e.Outcome);
        Assert.DoesNotContain(e.Attributes.Keys, k => k.Contains("brand_new", StringComparison.Ordinal) || k.Contains("another", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("malformed-truncated", "payload is not valid JSON")]
    [InlineData("malformed-root-array", "payload root is not a JSON object")]
    [InlineData("malformed-missing-jti", "missing required field 'jti'")]
    [InlineData("malformed-blank-jti", "field 'jti' is blank")]
    [InlineData("malformed-jti-number", "field 'jti' is not a string")]
    [InlineData("malformed-occurred-at-string", "field 'occurred_at' is not a number")]
    [InlineData("malformed-missing-occurred-at", "missing required field 'occurred_at'")]
    [InlineData("malformed-two-events", "field 'events' must hold exactly one member, found 2")]
    [InlineData("malformed-no-events", "field 'events' must hold exactly one member, found 0")]
    public void Normalize_MalformedFixture_RejectedNamingTheField(string fixture, string reason)
    {
        var result = _normalizer.Normalize(FixtureFiles.Record(EventSource.LoginGov, fixture));

        Assert.False(result.IsAccepted);
        Assert.Null(result.Event);
        Assert.StartsWith(reason, result.RejectionReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"jti":"x","events":{"https://schemas.login.gov/secevent/attempts-api/event-type/login-completed":"text"}}""", "the event data in 'events' is not an object")]
    [InlineData("""{"jti":"x","events":[]}""", "field 'events' is not an object")]
    [InlineData("""{"jti":"x","events":{"https://schemas.login.gov/secevent/attempts-api/event-type/login-completed":{"occurred_at":1e400}}}""", "field 'occurred_at' is out of range")]
    [InlineData("""{"jti":"x","events":{"https://schemas.login.gov/secevent/attempts-api/event-type/login-completed":{"occurred_at":null}}}""", "missing required field 'occurred_at'")]
    [InlineData("""{"jti":"x","events":{"/":{"occurred_at":1}}}""", "the event type URI in 'events' has no name")]
    [InlineData("   ", "payload is empty")]
    public void Normalize_InlineMalformedPayload_Rejected(string payload, string reason)
    {
        var result = _normalizer.Normalize(FixtureFiles.RawFor(EventSource.LoginGov, payload));

        Assert.Equal(reason, result.RejectionReason);
    }

    [Fact]
    public void Normalize_OccurredAtInExponentForm_SameInstant()
    {
        var payload = FixtureFiles.Read(EventSource.LoginGov, "set-login-completed").Replace("1741027843.512345", "1.741027843512345E9", StringComparison.Ordinal);

        var result = _normalizer.Normalize(FixtureFiles.RawFor(EventSource.LoginGov, payload));

        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(17_410_278_435_123_450), result.Event?.OccurredAt);
    }

    [Fact]
    public void Normalize_AudienceArray_FirstAudienceIsTenant()
    {
        var payload = FixtureFiles.Read(EventSource.LoginGov, "set-login-completed").Replace("\"aud\": \"" + Audience + "\"", "\"aud\": [\"" + Audience + "\", \"other\"]", StringComparison.Ordinal);

        var result = _normalizer.Normalize(FixtureFiles.RawFor(EventSource.LoginGov, payload));

        Assert.Equal(Audience, result.Event?.Tenant);
        Assert.Equal(new InboxKey(Audience, "3d7f6bef-ddff-4d4f-9d7f-cdaf1ddf6d0f"), _normalizer.ReadKey(payload));
    }

    [Fact]
    public void Normalize_RecordOfAnotherSource_Rejected()
    {
        var record = FixtureFiles.Record(EventSource.LoginGov, "set-login-completed") with { Source = EventSource.Entrust };

        Assert.Equal("record source 'Entrust' does not match normalizer source 'LoginGov'", _normalizer.Normalize(record).RejectionReason);
    }

    [Fact]
    public void ReadKey_ReferenceSet_AudienceAndJti()
    {
        Assert.Equal(
            new InboxKey(Audience, "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed"),
            _normalizer.ReadKey(FixtureFiles.Read(EventSource.LoginGov, "set-login-email-and-password-auth")));
    }

    [Theory]
    [InlineData("malformed-truncated")]
    [InlineData("malformed-missing-jti")]
    [InlineData("malformed-blank-jti")]
    [InlineData("malformed-jti-number")]
    [InlineData("malformed-root-array")]
    public void ReadKey_NoUsableId_Null(string fixture)
    {
        Assert.Null(_normalizer.ReadKey(FixtureFiles.Read(EventSource.LoginGov, fixture)));
    }
}
