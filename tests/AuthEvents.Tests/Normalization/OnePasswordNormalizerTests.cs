using AuthEvents.Core.Events;
using AuthEvents.Core.Inbox;
using AuthEvents.Core.Normalization;
using AuthEvents.Core.OnePassword;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Normalization;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class OnePasswordNormalizerTests
{
    private readonly OnePasswordNormalizer _normalizer = new(FixtureFiles.Hasher);

    private AuthEvent Accept(string fixture)
    {
        var result = _normalizer.Normalize(FixtureFiles.Record(EventSource.OnePassword, fixture));
        Assert.True(result.IsAccepted, result.RejectionReason);
        return result.Event!;
    }

    [Fact]
    public void Normalize_ElasticSample_CredentialsFailedAsLoginPasswordInvalidCredentials()
    {
        var e = Accept("docs-elastic-sample");

        Assert.Equal(EventSource.OnePassword, e.Source);
        Assert.Equal("", e.Tenant);
        Assert.Equal("QVWKEOEWXU2DIDHWTK6HGIF4TV", e.ProviderEventId);
        Assert.Equal("credentials_failed", e.EventType);
        Assert.Equal(Milestones.LoginPassword, e.Milestone);
        Assert.Equal(Outcome.Failure, e.Outcome);
        Assert.Equal([new FailureReason("type", "password_secret_bad", CanonicalReasons.InvalidCredentials)], e.FailureReasons);
        Assert.Equal("OJQGU46KAPROEJLCK674RHSAY5", e.SubjectKey);
        Assert.Equal(FixtureFiles.Hasher.HashEmail("email@1password.com"), e.PersonKey);
        Assert.Equal("e***@1password.com", e.EmailMasked);
        Assert.Equal("UED4KFZ5BH37IQWTJ7LG4VPWK7", e.SessionKey);
        Assert.Equal("89.160.20.156", e.Ip);
        Assert.Equal("AR", e.Country);
        Assert.Null(e.City);
        Assert.Null(e.Latitude);
        Assert.Equal("1Password Browser Extension/1109 (Chrome 93.0.4577.62; Android 10)", e.UserAgent);
        Assert.Equal("password", e.Authenticator);
        Assert.Equal(new DateTimeOffset(2021, 8, 11, 15, 4, 22, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(TimeSpan.Zero, e.OccurredAt.Offset);
        Assert.Equal(FixtureFiles.ReceivedAt, e.ReceivedAt);
        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["type"] = "password_secret_bad",
                ["client.app_name"] = "1Password Browser Extension",
                ["client.app_version"] = "1109",
                ["client.platform_name"] = "Chrome",
                ["client.platform_version"] = "93.0.4577.62",
                ["client.os_name"] = "Android",
                ["client.os_version"] = "10",
            },
            new SortedDictionary<string, string>(e.Attributes.ToDictionary(), StringComparer.Ordinal));
    }

    [Fact]
    public void Normalize_ConstructedFirewallBlock_LoginPolicyWithLocation()
    {
        var e = Accept("docs-constructed-v2-firewall");

        Assert.Equal("56YE2TYN2VFYRLNSHKPW5NVT5E", e.ProviderEventId);
        Assert.Equal("firewall_failed", e.EventType);
        Assert.Equal(Milestones.LoginPolicy, e.Milestone);
        Assert.Equal(Outcome.Failure, e.Outcome);
        Assert.Equal([new FailureReason("type", "country_blocked", CanonicalReasons.BlockedByPolicy)], e.FailureReasons);
        Assert.Equal(FixtureFiles.Hasher.HashEmail("jack@example.com"), e.PersonKey);
        Assert.Equal("j***@example.com", e.EmailMasked);
        Assert.Equal("203.0.113.9", e.Ip);
        Assert.Equal("FR", e.Country);
        Assert.Equal("Paris", e.City);
        Assert.Equal(48.8566, e.Latitude);
        Assert.Equal(2.3522, e.Longitude);
        Assert.Null(e.Authenticator);
        Assert.Equal("1Password for Web/1980 (Firefox 144.0; MacOSX 15.1)", e.UserAgent);
        Assert.Equal(new DateTimeOffset(2025, 11, 3, 9, 12, 44, 213, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal("France", e.Attributes["details.value"]);
        Assert.Equal("Ile-de-France", e.Attributes["location.region"]);
    }

    [Fact]
    public void Normalize_SuccessWithNegativeOffset_ConvertedToUtc()
    {
        var e = Accept("success-offset-timestamp");

        Assert.Equal(Milestones.LoginComplete, e.Milestone);
        Assert.Equal(Outcome.Success, e.Outcome);
        Assert.Empty(e.FailureReasons);
        Assert.Equal("mfa", e.Authenticator);
        Assert.Equal(new DateTimeOffset(2025, 11, 3, 9, 12, 44, 213, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(TimeSpan.Zero, e.OccurredAt.Offset);
        Assert.Equal(FixtureFiles.Hasher.HashEmail("v.ferreyra@example.com"), e.PersonKey);
        Assert.Equal("La Plata", e.City);
        Assert.Equal(-34.9214, e.Latitude);
    }

    [Fact]
    public void Normalize_OldU2fTimoutSpellingWithNanoseconds_MfaTimeoutAndTruncatedToTick()
    {
        var e = Accept("mfa-failed-u2f-timout-nanoseconds");

        Assert.Equal(Milestones.MfaVerify, e.Milestone);
        Assert.Equal(Outcome.Failure, e.Outcome);
        Assert.Equal([new FailureReason("type", "u2f_timout", CanonicalReasons.MfaTimeout)], e.FailureReasons);
        Assert.Equal("u2f", e.Authenticator);
        Assert.Equal(new DateTimeOffset(2025, 11, 3, 9, 12, 44, TimeSpan.Zero).AddTicks(1_234_567), e.OccurredAt);
    }

    [Fact]
    public void Normalize_SsoFailed_LoginPolicySsoDeniedFederated()
    {
        var e = Accept("sso-failed");

        Assert.Equal(Milestones.LoginPolicy, e.Milestone);
        Assert.Equal([new FailureReason("type", "non_sso_user", CanonicalReasons.SsoDenied)], e.FailureReasons);
        Assert.Equal("federated", e.Authenticator);
        Assert.Equal("DE", e.Country);
    }

    [Fact]
    public void Normalize_FirewallReportedSuccess_InfoWithoutReasonsTypeKept()
    {
        var e = Accept("firewall-reported-success");

        Assert.Equal(Milestones.LoginPolicy, e.Milestone);
        Assert.Equal(Outcome.Info, e.Outcome);
        Assert.Empty(e.FailureReasons);
        Assert.Equal("continent_blocked", e.Attributes["type"]);
        Assert.Equal("South America", e.Attributes["details.value"]);
    }

    [Fact]
    public void Normalize_UnknownCategory_OtherFailureWithRawType()
    {
        var e = Accept("unknown-category");

        Assert.Equal("passkey_failed", e.EventType);
        Assert.Equal(Milestones.Other, e.Milestone);
        Assert.Equal(Outcome.Failure, e.Outcome);
        Assert.Equal([new FailureReason("type", "passkey_bad", CanonicalReasons.Other)], e.FailureReasons);
    }

    [Fact]
    public void Normalize_V2MspWithUnknownFields_TenantFromAccountAndUserTypeKept()
    {
        var e = Accept("unknown-fields-v2-msp");

        Assert.Equal("MSPACCT5NVT5E2TYN2VFYRLNSH", e.Tenant);
        Assert.Equal([new FailureReason("type", "platform_secret_proxy", CanonicalReasons.InvalidCredentials)], e.FailureReasons);
        Assert.Equal("credentials", e.Authenticator);
        Assert.Equal("external_user", e.Attributes["target_user.user_type"]);
        Assert.Equal("NL", e.Country);
        Assert.Equal(new DateTimeOffset(2025, 11, 7, 17, 45, 12, 500, TimeSpan.Zero), e.OccurredAt);
        Assert.DoesNotContain(e.Attributes.Keys, k => k.Contains("new", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("malformed-missing-uuid", "missing required field 'uuid'")]
    [InlineData("malformed-timestamp-number", "field 'timestamp' is not a string")]
    [InlineData("malformed-timestamp-garbage", "field 'timestamp' is not an ISO 8601 date-time")]
    [InlineData("malformed-truncated", "payload is not valid JSON")]
    public void Normalize_MalformedFixture_RejectedNamingTheField(string fixture, string reason)
    {
        var result = _normalizer.Normalize(FixtureFiles.Record(EventSource.OnePassword, fixture));

        Assert.False(result.IsAccepted);
        Assert.StartsWith(reason, result.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_MissingCategory_Rejected()
    {
        var result = _normalizer.Normalize(FixtureFiles.RawFor(EventSource.OnePassword, """{"uuid":"A","timestamp":"2021-08-11T15:04:22Z"}"""));

        Assert.Equal("missing required field 'category'", result.RejectionReason);
    }

    [Fact]
    public void ReadKey_V2Msp_AccountAndUuid()
    {
        Assert.Equal(
            new InboxKey("MSPACCT5NVT5E2TYN2VFYRLNSH", "MSPV2TYN2VFYRLNSHKPW5NVT5E"),
            _normalizer.ReadKey(FixtureFiles.Read(EventSource.OnePassword, "unknown-fields-v2-msp")));
    }
}
