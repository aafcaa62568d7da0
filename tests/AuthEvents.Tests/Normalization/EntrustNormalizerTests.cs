using AuthEvents.Core.Entrust;
using AuthEvents.Core.Events;
using AuthEvents.Core.Inbox;
using AuthEvents.Core.Normalization;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Normalization;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class EntrustNormalizerTests
{
    private const string Account = "c8485a88-4fd0-4248-8dcd-fb4ac0749fb7";
    private const string Subject = "f7475916-56ab-44a1-ab8a-3d4407baa102";

    private readonly EntrustNormalizer _normalizer = new(FixtureFiles.Hasher);

    private AuthEvent Accept(string fixture)
    {
        var result = _normalizer.Normalize(FixtureFiles.Record(EventSource.Entrust, fixture));
        Assert.True(result.IsAccepted, result.RejectionReason);
        return result.Event!;
    }

    [Fact]
    public void Normalize_SeedSucceeded_LoginCompleteWithOtp()
    {
        var e = Accept("seed-authentication-succeeded");

        Assert.Equal(EventSource.Entrust, e.Source);
        Assert.Equal(Account, e.Tenant);
        Assert.Equal("019adb89-60dd-750e-90a3-e860c924aa29", e.ProviderEventId);
        Assert.Equal("authentication.succeeded", e.EventType);
        Assert.Equal(Milestones.LoginComplete, e.Milestone);
        Assert.Equal(Outcome.Success, e.Outcome);
        Assert.Empty(e.FailureReasons);
        Assert.Equal(Subject, e.SubjectKey);
        Assert.Equal("entrust:" + Subject, e.PersonKey);
        Assert.Null(e.EmailMasked);
        Assert.Equal("127.0.0.1", e.Ip);
        Assert.Equal("OTP", e.Authenticator);
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 20, 10, 4, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(FixtureFiles.ReceivedAt, e.ReceivedAt);
        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["resourceName"] = "Administration Portal",
                ["subjectType"] = "USER",
                ["subjectNameMasked"] = "j***",
                ["registrationRequired"] = "true",
            },
            new SortedDictionary<string, string>(e.Attributes.ToDictionary(), StringComparer.Ordinal));
    }

    [Fact]
    public void Normalize_SeedFailedWithOtp_MfaVerifyMfaInvalid()
    {
        var e = Accept("seed-authentication-failed");

        Assert.Equal(Milestones.MfaVerify, e.Milestone);
        Assert.Equal(Outcome.Failure, e.Outcome);
        Assert.Equal([new FailureReason("token", "OTP", CanonicalReasons.MfaInvalid)], e.FailureReasons);
        Assert.Equal("OTP", e.Authenticator);
    }

    [Fact]
    public void Normalize_ReferenceBodyFailedWithPassword_LoginPasswordInvalidCredentials()
    {
        var e = Accept("reference-rfc9421-body");

        Assert.Equal("authentication.failed", e.EventType);
        Assert.Equal(Milestones.LoginPassword, e.Milestone);
        Assert.Equal(Outcome.Failure, e.Outcome);
        Assert.Equal([new FailureReason("token", "PASSWORD", CanonicalReasons.InvalidCredentials)], e.FailureReasons);
        Assert.Equal("198.51.100.7", e.Ip);
        Assert.Equal("User Portal", e.Attributes["resourceName"]);
    }

    [Fact]
    public void Normalize_FailedWithoutToken_LoginPasswordUnknownCode()
    {
        var e = Accept("authentication-failed-no-token");

        Assert.Equal(Milestones.LoginPassword, e.Milestone);
        Assert.Equal([new FailureReason("token", "unknown", CanonicalReasons.InvalidCredentials)], e.FailureReasons);
        Assert.Null(e.Authenticator);
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 18, 12, 0, 500, TimeSpan.Zero), e.OccurredAt);
    }

    [Fact]
    public void Normalize_SubjectNameIsEmail_PersonFromEmailHash()
    {
        var e = Accept("authentication-succeeded-email-subject");

        Assert.Equal(FixtureFiles.Hasher.HashEmail("pat.lee@example.com"), e.PersonKey);
        Assert.Equal("p***@example.com", e.EmailMasked);
        Assert.Equal("PASSKEY", e.Authenticator);
        Assert.Equal("P***", e.Attributes["subjectNameMasked"]);
        Assert.Equal("false", e.Attributes["registrationRequired"]);
    }

    [Fact]
    public void Normalize_UserCreated_AdminActionOnTheAffectedUser()
    {
        var e = Accept("user-created");

        Assert.Equal(Milestones.AccountAdmin, e.Milestone);
        Assert.Equal(Outcome.Info, e.Outcome);
        Assert.Equal("0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", e.SubjectKey);
        Assert.Equal(FixtureFiles.Hasher.HashEmail("m.okonkwo@example.net"), e.PersonKey);
        Assert.Equal("m***@example.net", e.EmailMasked);
        Assert.Equal("10.20.30.40", e.Ip);
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 20, 11, 15, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["resourceName"] = "Administration Portal",
                ["subjectType"] = "USER",
                ["entityType"] = "USERS",
                ["entityId"] = "6e7f8a9b-0c1d-4e2f-8a3b-4c5d6e7f8a9b",
                ["subscriberAdminRoleName"] = "System Administrator",
                ["subjectNameMasked"] = "a***",
            },
            new SortedDictionary<string, string>(e.Attributes.ToDictionary(), StringComparer.Ordinal));
    }

    [Fact]
    public void Normalize_UserRegistrationCompleted_RegistrationOfTheSamePerson()
    {
        var e = Accept("user-registration-completed");

        Assert.Equal(Milestones.RegistrationAccount, e.Milestone);
        Assert.Equal(Outcome.Info, e.Outcome);
        Assert.Empty(e.FailureReasons);
        Assert.Equal(FixtureFiles.Hasher.HashEmail("m.okonkwo@example.net"), e.PersonKey);
        Assert.Equal("User Portal", e.Attributes["resourceName"]);
    }

    [Fact]
    public void Normalize_PasskeyCreatedWithEmailSubjectName_MfaEnrollOfTheEmailPerson()
    {
        var e = Accept("passkey-created");

        Assert.Equal(Milestones.MfaEnroll, e.Milestone);
        Assert.Equal(Outcome.Info, e.Outcome);
        Assert.Equal("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", e.SubjectKey);
        Assert.Equal(FixtureFiles.Hasher.HashEmail("pat.lee@example.com"), e.PersonKey);
        Assert.Equal("p***@example.com", e.EmailMasked);
    }

    [Fact]
    public void Normalize_SelfServicePasskeyWithItsOwnEntityId_KeyedByTheSubjectsEmailNotThePasskey()
    {
        var e = Accept("passkey-created-self-service");

        Assert.Equal(Milestones.MfaEnroll, e.Milestone);
        Assert.Equal("2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e", e.SubjectKey);
        Assert.Equal(FixtureFiles.Hasher.HashEmail("sam.rivera@example.org"), e.PersonKey);
        Assert.Equal("s***@example.org", e.EmailMasked);
        Assert.Equal("203.0.113.88", e.Ip);
        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["resourceName"] = "User Portal",
                ["subjectType"] = "USER",
                ["entityType"] = "PASSKEY",
                ["entityId"] = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                ["subjectNameMasked"] = "S***",
            },
            new SortedDictionary<string, string>(e.Attributes.ToDictionary(), StringComparer.Ordinal));
    }

    [Fact]
    public void Normalize_SelfServicePasskeyWithUserNameSubject_KeyedBySubjectNotThePasskey()
    {
        var e = Accept("passkey-deleted-username");

        Assert.Equal((Milestones.AccountChange, Outcome.Info), (e.Milestone, e.Outcome));
        Assert.Equal("entrust:6e7f8a9b-0c1d-4e2f-8a3b-4c5d6e7f8a9b", e.PersonKey);
        Assert.Null(e.EmailMasked);
        Assert.Equal("5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c", e.Attributes["entityId"]);
    }

    [Fact]
    public void Normalize_GridCreatedByAnAdministrator_KeyedByTheAffectedUsersEmailNotTheAdministrator()
    {
        var e = Accept("grid-created-by-admin");

        Assert.Equal(Milestones.MfaEnroll, e.Milestone);
        Assert.Equal("0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", e.SubjectKey);
        Assert.Equal(FixtureFiles.Hasher.HashEmail("m.okonkwo@example.net"), e.PersonKey);
        Assert.Equal("m***@example.net", e.EmailMasked);
        Assert.Equal("Help Desk Administrator", e.Attributes["subscriberAdminRoleName"]);
    }

    [Theory]
    [InlineData("passkey.created")]
    [InlineData("passkey.updated")]
    [InlineData("passkey.deleted")]
    [InlineData("grid.created")]
    [InlineData("grid.email.sent")]
    [InlineData("grid.password.email.sent")]
    [InlineData("face.biometric.created")]
    [InlineData("kba.question.created")]
    [InlineData("magiclink.email.sent")]
    public void Normalize_SelfServiceAuthenticatorEvent_KeyedByTheSubjectsEmail(string type)
    {
        var e = AcceptPayload(EntityEvent(type, "\"entityType\":\"AUTHENTICATOR\",\"entityId\":\"e-1\""));

        Assert.Equal(FixtureFiles.Hasher.HashEmail("pat.lee@example.com"), e.PersonKey);
        Assert.Equal("p***@example.com", e.EmailMasked);
    }

    [Fact]
    public void Normalize_PasswordUpdatedOnTheSubjectsOwnUser_KeyedByTheSubjectsEmail()
    {
        var e = AcceptPayload(EntityEvent("password.updated", "\"entityType\":\"USERS\",\"entityId\":\"" + Subject + "\""));

        Assert.Equal(FixtureFiles.Hasher.HashEmail("pat.lee@example.com"), e.PersonKey);
    }

    [Theory]
    [InlineData("\"entityType\":\"USERS\",\"entityId\":\"u-2\"", "entrust:u-2")]
    [InlineData("\"subscriberAdminRoleName\":\"System Administrator\",\"entityType\":\"PASSKEY\",\"entityId\":\"p-9\"", "entrust:p-9")]
    public void Normalize_EntityEventOnAnotherUser_NotKeyedByTheActingSubject(string entity, string personKey)
    {
        var e = AcceptPayload(EntityEvent("passkey.deleted", entity));

        Assert.Equal(personKey, e.PersonKey);
        Assert.Null(e.EmailMasked);
    }

    private static string EntityEvent(string type, string entity) =>
        "{\"id\":\"x-1\",\"type\":\"" + type + "\",\"eventTime\":\"2025-12-01T20:14:00Z\",\"data\":{\"subject\":\"" + Subject
        + "\",\"subjectName\":\"Pat.Lee@Example.com\",\"subjectType\":\"USER\",\"resourceName\":\"User Portal\"," + entity + "}}";

    private AuthEvent AcceptPayload(string payload)
    {
        var result = _normalizer.Normalize(FixtureFiles.RawFor(EventSource.Entrust, payload));
        Assert.True(result.IsAccepted, result.RejectionReason);
        return result.Event!;
    }

    [Theory]
    [InlineData("unknown-type", "smartcredential.revoked", Outcome.Info)]
    [InlineData("unknown-failed-type", "transaction.verification.failed", Outcome.Failure)]
    public void Normalize_UnknownType_OtherWithSuffixOutcome(string fixture, string type, Outcome outcome)
    {
        var e = Accept(fixture);

        Assert.Equal(type, e.EventType);
        Assert.Equal(Milestones.Other, e.Milestone);
        Assert.Equal(outcome, e.Outcome);
        Assert.Empty(e.FailureReasons);
    }

    [Fact]
    public void Normalize_UnknownFields_IgnoredAndFidoIsSecondFactor()
    {
        var e = Accept("unknown-fields");

        Assert.Equal(Milestones.MfaVerify, e.Milestone);
        Assert.Equal([new FailureReason("token", "FIDO", CanonicalReasons.MfaInvalid)], e.FailureReasons);
        Assert.False(e.Attributes.ContainsKey("riskScore"));
    }

    [Theory]
    [InlineData("malformed-missing-id", "missing required field 'id'")]
    [InlineData("malformed-event-time-invalid", "field 'eventTime' is not an ISO 8601 date-time")]
    [InlineData("malformed-event-time-number", "field 'eventTime' is not a string")]
    [InlineData("malformed-truncated", "payload is not valid JSON")]
    public void Normalize_MalformedFixture_RejectedNamingTheField(string fixture, string reason)
    {
        var result = _normalizer.Normalize(FixtureFiles.Record(EventSource.Entrust, fixture));

        Assert.False(result.IsAccepted);
        Assert.StartsWith(reason, result.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_MissingType_Rejected()
    {
        var result = _normalizer.Normalize(FixtureFiles.RawFor(EventSource.Entrust, """{"id":"x","eventTime":"2025-12-01T20:10:04Z"}"""));

        Assert.Equal("missing required field 'type'", result.RejectionReason);
    }

    [Fact]
    public void ReadKey_SeedEnvelope_AccountAndId()
    {
        Assert.Equal(
            new InboxKey(Account, "019adb89-60dd-750e-90a3-e860c924aa29"),
            _normalizer.ReadKey(FixtureFiles.Read(EventSource.Entrust, "seed-authentication-failed")));
    }
}
