using AuthEvents.Core.Events;
using AuthEvents.Core.FusionAuth;
using AuthEvents.Core.Inbox;
using AuthEvents.Core.Normalization;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Normalization;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class FusionAuthNormalizerTests
{
    private const string DocsTenant = "e872a880-b14f-6d62-c312-cb40f22af465";
    private const string SeedTenant = "30663132-6464-6665-3032-326466613934";

    private readonly FusionAuthNormalizer _normalizer = new(FixtureFiles.Hasher);

    private AuthEvent Accept(string fixture)
    {
        var result = _normalizer.Normalize(FixtureFiles.Record(EventSource.FusionAuth, fixture));
        Assert.True(result.IsAccepted, result.RejectionReason);
        return result.Event!;
    }

    [Fact]
    public void Normalize_DocsLoginFailed_LoginPasswordCredentialsWithLocation()
    {
        var e = Accept("docs-login-failed");

        Assert.Equal(EventSource.FusionAuth, e.Source);
        Assert.Equal(DocsTenant, e.Tenant);
        Assert.Equal("e502168a-b469-45d9-a079-fd45f83e0406", e.ProviderEventId);
        Assert.Equal("user.login.failed", e.EventType);
        Assert.Equal(Milestones.LoginPassword, e.Milestone);
        Assert.Equal(Outcome.Failure, e.Outcome);
        Assert.Equal([new FailureReason("reason", "credentials", CanonicalReasons.InvalidCredentials)], e.FailureReasons);
        Assert.Equal("00000000-0000-0001-0000-000000000000", e.SubjectKey);
        Assert.Equal(FixtureFiles.Hasher.HashEmail("example@fusionauth.io"), e.PersonKey);
        Assert.Equal("e***@fusionauth.io", e.EmailMasked);
        Assert.Null(e.SessionKey);
        Assert.Equal("42.42.42.42", e.Ip);
        Assert.Equal("US", e.Country);
        Assert.Equal("Denver", e.City);
        Assert.Equal(39.77777, e.Latitude);
        Assert.Equal(-104.9191, e.Longitude);
        Assert.Equal("Mozilla/5.0 (…) Chrome/92…", e.UserAgent);
        Assert.Equal("PASSWORD", e.Authenticator);
        Assert.Equal(new DateTimeOffset(2017, 9, 18, 19, 23, 35, 56, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(FixtureFiles.ReceivedAt, e.ReceivedAt);
        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["applicationId"] = "10000000-0000-0002-0000-000000000001",
                ["authenticationType"] = "PASSWORD",
                ["location.region"] = "CO",
                ["user.active"] = "true",
                ["user.verified"] = "true",
                ["user.twoFactorEnabled"] = "false",
            },
            new SortedDictionary<string, string>(e.Attributes.ToDictionary(), StringComparer.Ordinal));
    }

    [Fact]
    public void Normalize_SignedWebhookBody_SameClassificationAsDocsExample()
    {
        var e = Accept("reference-signed-webhook-body");

        Assert.Equal(DocsTenant, e.Tenant);
        Assert.Equal("e502168a-b469-45d9-a079-fd45f83e0406", e.ProviderEventId);
        Assert.Equal(Milestones.LoginPassword, e.Milestone);
        Assert.Equal([new FailureReason("reason", "credentials", CanonicalReasons.InvalidCredentials)], e.FailureReasons);
        Assert.Equal("42.42.42.42", e.Ip);
        Assert.Null(e.Country);
        Assert.Equal(new DateTimeOffset(2017, 9, 18, 19, 23, 35, 56, TimeSpan.Zero), e.OccurredAt);
    }

    [Fact]
    public void Normalize_SeedTwoFactorFailedAttempt_MfaVerifyFailureByMethod()
    {
        var e = Accept("seed-two-factor-failed-attempt");

        Assert.Equal(SeedTenant, e.Tenant);
        Assert.Equal("0f2a3e31-d7c9-48dc-841a-b47ca4830773", e.ProviderEventId);
        Assert.Equal("user.two-factor.failed.attempt", e.EventType);
        Assert.Equal(Milestones.MfaVerify, e.Milestone);
        Assert.Equal(Outcome.Failure, e.Outcome);
        Assert.Equal([new FailureReason("method", "authenticator", CanonicalReasons.MfaInvalid)], e.FailureReasons);
        Assert.Equal("00000000-0000-0000-0000-000000000001", e.SubjectKey);
        Assert.Equal(FixtureFiles.Hasher.HashEmail("example@fusionauth.io"), e.PersonKey);
        Assert.Equal("127.0.0.1", e.Ip);
        Assert.Equal("authenticator", e.Authenticator);
        Assert.Equal(new DateTimeOffset(2021, 8, 31, 4, 14, 32, 48, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["applicationId"] = "134f7157-0252-4100-889e-8b3084b85660",
                ["clientRisk"] = "MEDIUM",
                ["deviceName"] = "macOS Chrome",
                ["deviceType"] = "BROWSER",
                ["user.active"] = "true",
                ["user.verified"] = "true",
            },
            new SortedDictionary<string, string>(e.Attributes.ToDictionary(), StringComparer.Ordinal));
    }

    [Fact]
    public void Normalize_FederatedLoginSuccess_AuthenticationTypeAndProviderKept()
    {
        var e = Accept("login-success-federated");

        Assert.Equal(Milestones.LoginComplete, e.Milestone);
        Assert.Equal(Outcome.Success, e.Outcome);
        Assert.Equal("GOOGLE", e.Authenticator);
        Assert.Equal("FR", e.Country);
        Assert.Equal("Lyon", e.City);
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 20, 10, 4, 123, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal("Google", e.Attributes["identityProviderName"]);
        Assert.Equal("e3306678-a53a-4964-9040-1c96f36dda72", e.Attributes["connectorId"]);
        Assert.Equal("Windows", e.Attributes["os"]);
        Assert.Equal("ARA", e.Attributes["location.region"]);
    }

    [Fact]
    public void Normalize_LoginSuspicious_InfoWithThreatsAttribute()
    {
        var e = Accept("login-suspicious");

        Assert.Equal(Milestones.LoginComplete, e.Milestone);
        Assert.Equal(Outcome.Info, e.Outcome);
        Assert.Equal("ImpossibleTravel,SuspiciousIPAddress", e.Attributes["threatsDetected"]);
    }

    [Fact]
    public void Normalize_LoginNewDevice_InfoWithDeviceAttributes()
    {
        var e = Accept("login-new-device");

        Assert.Equal(Milestones.LoginComplete, e.Milestone);
        Assert.Equal(Outcome.Info, e.Outcome);
        Assert.Equal("iPhone Safari", e.Attributes["deviceName"]);
        Assert.Equal("MOBILE", e.Attributes["deviceType"]);
    }

    [Fact]
    public void Normalize_LoginFailedByLambda_ReasonOther()
    {
        var e = Accept("login-failed-lambda");

        Assert.Equal([new FailureReason("reason", "lambdaValidation", CanonicalReasons.Other)], e.FailureReasons);
    }

    [Fact]
    public void Normalize_TwoFactorSuccess_MethodAndMessageType()
    {
        var e = Accept("two-factor-success");

        Assert.Equal(Milestones.MfaVerify, e.Milestone);
        Assert.Equal(Outcome.Success, e.Outcome);
        Assert.Equal("sms", e.Authenticator);
        Assert.Equal("SMS", e.Attributes["messageType"]);
        Assert.Equal("LOW", e.Attributes["clientRisk"]);
    }

    [Fact]
    public void Normalize_MethodAddWithMethodObject_MfaEnrollAuthenticatorFromObject()
    {
        var e = Accept("two-factor-method-add");

        Assert.Equal(Milestones.MfaEnroll, e.Milestone);
        Assert.Equal(Outcome.Success, e.Outcome);
        Assert.Equal("sms", e.Authenticator);
        Assert.Equal("true", e.Attributes["user.twoFactorEnabled"]);
        Assert.Equal("US", e.Attributes["phone_region"]);
        Assert.Null(e.PhoneHash);
    }

    [Theory]
    [InlineData("""{"id":"K2ZM","method":"sms","mobilePhone":"+44 7400 123456"}""", "GB")]
    [InlineData("""{"id":"K2ZM","method":"sms","mobilePhone":"(415) 555-0123"}""", null)]
    [InlineData("""{"id":"K2ZM","method":"email","email":"2fa-backup@example.net"}""", null)]
    public void Normalize_MethodRemove_RegionOfAnInternationalMethodPhoneOnly(string method, string? region)
    {
        var result = _normalizer.Normalize(FixtureFiles.RawFor(EventSource.FusionAuth,
            "{\"event\":{\"createInstant\":1764620200000,\"id\":\"m-1\",\"type\":\"user.two-factor.method.remove\",\"method\":" + method
            + ",\"user\":{\"id\":\"u-1\",\"email\":\"example@fusionauth.io\",\"mobilePhone\":\"+40 721 234 567\"}}}"));

        Assert.True(result.IsAccepted, result.RejectionReason);
        Assert.Equal(region, result.Event!.Attributes.GetValueOrDefault("phone_region"));
    }

    [Fact]
    public void Normalize_PasswordBreach_AccountChangeWeakPassword()
    {
        var e = Accept("password-breach");

        Assert.Equal(Milestones.AccountChange, e.Milestone);
        Assert.Equal(Outcome.Failure, e.Outcome);
        Assert.Equal([new FailureReason("password", "breached", CanonicalReasons.WeakPassword)], e.FailureReasons);
    }

    [Fact]
    public void Normalize_JwtRefresh_OtherInfoWithoutTokens()
    {
        var e = Accept("jwt-refresh");

        Assert.Equal(Milestones.Other, e.Milestone);
        Assert.Equal(Outcome.Info, e.Outcome);
        Assert.Null(e.SubjectKey);
        Assert.Null(e.PersonKey);
        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal) { ["applicationId"] = "134f7157-0252-4100-889e-8b3084b85660" },
            new SortedDictionary<string, string>(e.Attributes.ToDictionary(), StringComparer.Ordinal));
    }

    [Fact]
    public void Normalize_UserCreateFullProfile_OnlyIdEmailHashAndFlagsKept()
    {
        var e = Accept("user-create-full-profile");

        Assert.Equal(Milestones.RegistrationAccount, e.Milestone);
        Assert.Equal(Outcome.Success, e.Outcome);
        Assert.Equal("6e0b1f2a-3c4d-4e5f-8a7b-8c9d0e1f2a3b", e.SubjectKey);
        Assert.Equal(FixtureFiles.Hasher.HashEmail("bertram.gilfoyle@example.com"), e.PersonKey);
        Assert.Equal("b***@example.com", e.EmailMasked);
        Assert.Null(e.PhoneHash);
        Assert.Null(e.Authenticator);
        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["user.active"] = "true",
                ["user.verified"] = "false",
                ["user.twoFactorEnabled"] = "false",
            },
            new SortedDictionary<string, string>(e.Attributes.ToDictionary(), StringComparer.Ordinal));
    }

    [Fact]
    public void Normalize_DeprecatedIpAndNoUser_IpFromEventAndSubjectFromLinkedObject()
    {
        var e = Accept("deprecated-ip-no-user");

        Assert.Equal("", e.Tenant);
        Assert.Equal("42.42.42.43", e.Ip);
        Assert.Equal("00000000-0000-0001-0000-000000000009", e.SubjectKey);
        Assert.Equal("fusionauth:00000000-0000-0001-0000-000000000009", e.PersonKey);
        Assert.Null(e.EmailMasked);
    }

    [Fact]
    public void Normalize_UnknownType_OtherInfo()
    {
        var e = Accept("unknown-type");

        Assert.Equal("user.action", e.EventType);
        Assert.Equal(Milestones.Other, e.Milestone);
        Assert.Equal(Outcome.Info, e.Outcome);
    }

    [Fact]
    public void Normalize_UnknownFields_IgnoredAndNotCopied()
    {
        var e = Accept("unknown-fields");

        Assert.Equal(Milestones.LoginComplete, e.Milestone);
        Assert.Equal("203.0.113.18", e.Ip);
        Assert.DoesNotContain(e.Attributes.Keys, k => k.Contains("new", StringComparison.OrdinalIgnoreCase) || k.Contains("Future", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("malformed-missing-event", "missing required field 'event'")]
    [InlineData("malformed-event-not-object", "field 'event' is not an object")]
    [InlineData("malformed-create-instant-string", "field 'event.createInstant' is not a number")]
    [InlineData("malformed-missing-id", "missing required field 'event.id'")]
    [InlineData("malformed-missing-create-instant", "missing required field 'event.createInstant'")]
    [InlineData("malformed-truncated", "payload is not valid JSON")]
    public void Normalize_MalformedFixture_RejectedNamingTheField(string fixture, string reason)
    {
        var result = _normalizer.Normalize(FixtureFiles.Record(EventSource.FusionAuth, fixture));

        Assert.False(result.IsAccepted);
        Assert.StartsWith(reason, result.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadKey_SeedBody_TenantAndEventId()
    {
        Assert.Equal(
            new InboxKey(SeedTenant, "0f2a3e31-d7c9-48dc-841a-b47ca4830773"),
            _normalizer.ReadKey(FixtureFiles.Read(EventSource.FusionAuth, "seed-two-factor-failed-attempt")));
    }

    [Fact]
    public void ReadKey_EventNotObject_Null()
    {
        Assert.Null(_normalizer.ReadKey(FixtureFiles.Read(EventSource.FusionAuth, "malformed-event-not-object")));
    }
}
