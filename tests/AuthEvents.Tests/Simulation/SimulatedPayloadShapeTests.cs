using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AuthEvents.Core.Events;
using AuthEvents.Demo.Simulation;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Simulation;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed partial class SimulatedPayloadShapeTests(SimulatedTrafficFixture traffic) : IClassFixture<SimulatedTrafficFixture>
{
    private static readonly string[] LoginGovCommonFields =
    [
        "subject", "occurred_at", "user_agent", "unique_session_id", "user_uuid", "device_id", "user_ip_address",
        "application_url", "language", "client_port", "aws_region", "google_analytics_cookies",
    ];

    private static readonly string[] FusionAuthUserFields =
    [
        "active", "birthDate", "data", "email", "firstName", "id", "insertInstant", "lastName", "registrations",
        "tenantId", "twoFactor", "verified",
    ];

    [Fact]
    public void Generate_WellFormedPayloads_TimeInPayloadEqualsOccurredAt()
    {
        var deliveries = traffic.All.Where(d => !d.IsMalformed);

        Assert.All(deliveries, d => Assert.Equal(d.OccurredAt, DeliveryFacts.Read(d).Time));
    }

    [Fact]
    public void Generate_MalformedShareDefault_AboutHalfAPercentFlagged()
    {
        var share = traffic.All.Count(d => d.IsMalformed) / (double)traffic.All.Count;

        Assert.InRange(share, 0.003, 0.008);
    }

    [Fact]
    public void Generate_MalformedPayloads_FailToParseOrBreakTheDocumentedShape()
    {
        var deliveries = Generate(new DemoTrafficOptions { Seed = 3, MalformedShare = 0.3 }, TimeSpan.FromMinutes(10));
        var malformed = deliveries.Where(d => d.IsMalformed).ToArray();

        Assert.True(malformed.Length > 100);
        Assert.All(malformed, d => Assert.ThrowsAny<Exception>(() => DeliveryFacts.Read(d)));
        Assert.Contains(malformed, d => !IsJson(d.Payload));
        Assert.Contains(malformed, d => IsJson(d.Payload) && d.Source == EventSource.LoginGov && !d.Payload.Contains("\"jti\"", StringComparison.Ordinal));
        Assert.Contains(malformed, d => d.Source == EventSource.LoginGov && d.Payload.Contains("\"occurred_at\":\"", StringComparison.Ordinal));
        Assert.Contains(malformed, d => d.Source == EventSource.FusionAuth && d.Payload.Contains("\"createInstant\":\"", StringComparison.Ordinal));
        Assert.All(deliveries.Where(d => !d.IsMalformed), d => DeliveryFacts.Read(d));
    }

    [Fact]
    public void Generate_MalformedShareZero_NoMalformedDelivery()
    {
        var deliveries = Generate(new DemoTrafficOptions { Seed = 3, MalformedShare = 0 }, TimeSpan.FromMinutes(10));

        Assert.DoesNotContain(deliveries, d => d.IsMalformed);
    }

    [Fact]
    public void LoginGov_Sets_CarryEveryCommonFieldAndOneEvent()
    {
        var sets = traffic.WellFormed.Where(f => f.Source == EventSource.LoginGov).ToArray();

        Assert.All(sets, f =>
        {
            Assert.Equal("https://secure.login.gov/", f.Root.GetProperty("iss").GetString());
            Assert.Equal(new DemoTrafficOptions().LoginGovAudience, f.Root.GetProperty("aud").GetString());
            Assert.Equal(JsonValueKind.Number, f.Root.GetProperty("iat").ValueKind);
            Assert.Equal(f.Time.ToUnixTimeSeconds(), f.Root.GetProperty("iat").GetInt64());
            Assert.Matches(UuidV4(), f.Id);
            Assert.All(LoginGovCommonFields, name => Assert.True(f.Data.TryGetProperty(name, out _), name));
            Assert.Equal("session", f.Data.GetProperty("subject").GetProperty("subject_type").GetString());
            Assert.Equal(128, f.Data.GetProperty("device_id").GetString()!.Length);
        });
        Assert.Contains(sets, f => f.Data.GetProperty("user_uuid").ValueKind == JsonValueKind.Null);
        Assert.Contains(sets, f => f.Data.GetProperty("google_analytics_cookies").ValueKind == JsonValueKind.Object);
    }

    [Fact]
    public void LoginGov_FailureReason_OnlyOnFailuresAndAlwaysAnObject()
    {
        var sets = traffic.WellFormed.Where(f => f.Source == EventSource.LoginGov).ToArray();

        Assert.All(sets.Where(f => f.Data.TryGetProperty("failure_reason", out _)), f =>
        {
            Assert.False(f.Success);
            Assert.Equal(JsonValueKind.Object, f.Data.GetProperty("failure_reason").ValueKind);
        });
        Assert.Contains(sets, f => f.Type == "mfa-login-auth-submitted"
            && f.Data.TryGetProperty("failure_reason", out var reason) && reason.GetRawText() == """{"code":["code_incorrect"]}""");
    }

    [Fact]
    public void OnePassword_Items_HaveBase32IdsTargetUserClientAndLocation()
    {
        var items = traffic.WellFormed.Where(f => f.Source == EventSource.OnePassword).ToArray();

        Assert.All(items, f =>
        {
            Assert.Matches(Base32Id(), f.Id);
            Assert.Matches(Base32Id(), f.Text("session_uuid")!);
            Assert.Matches(Base32Id(), f.Data.GetProperty("target_user").GetProperty("uuid").GetString()!);
            Assert.Contains("@example.", f.Data.GetProperty("target_user").GetProperty("email").GetString()!, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(f.Data.GetProperty("client").GetProperty("app_name").GetString()));
            Assert.True(f.Data.TryGetProperty("details", out _));
            Assert.True(f.Data.TryGetProperty("location", out _));
        });
        Assert.Contains(items, f => f.Type == "firewall_failed/country_blocked" && f.Data.GetProperty("details").GetProperty("value").GetString()!.Length > 2);
        Assert.Contains(items, f => f.Data.GetProperty("location").ValueKind == JsonValueKind.Object);
        Assert.Contains(items, f => f.Type == "success/mfa_ok");
        Assert.Contains(items, f => f.Type == "credentials_failed/password_secret_bad");
        Assert.Contains(items, f => f.Type.StartsWith("mfa_failed/", StringComparison.Ordinal));
    }

    [Fact]
    public void Entrust_Envelopes_HaveUuidV7IdsFromTheEventTime()
    {
        var envelopes = traffic.WellFormed.Where(f => f.Source == EventSource.Entrust).ToArray();

        Assert.All(envelopes, f =>
        {
            Assert.Matches(UuidV7(), f.Id);
            var milliseconds = long.Parse(f.Id.Replace("-", string.Empty, StringComparison.Ordinal)[..12], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            Assert.Equal(f.Time.ToUnixTimeMilliseconds(), milliseconds);
            Assert.Equal(new DemoTrafficOptions().EntrustAccountId, f.Root.GetProperty("accountId").GetString());
        });
        Assert.Contains(envelopes, f => f.Type == "authentication.succeeded" && f.Data.TryGetProperty("entityAttributes", out _));
        Assert.Contains(envelopes, f => f.Type == "authentication.failed" && f.Text("token") == "PASSWORD");
        Assert.Contains(envelopes, f => f.Text("subjectName")!.Contains('@', StringComparison.Ordinal));
        Assert.Contains(envelopes, f => !f.Text("subjectName")!.Contains('@', StringComparison.Ordinal));
        Assert.All(new[] { "user.created", "passkey.created", "password.updated" }, type => Assert.Contains(envelopes, f => f.Type == type));
    }

    [Fact]
    public void FusionAuth_Bodies_CarryTheFullUserObject()
    {
        var bodies = traffic.WellFormed.Where(f => f.Source == EventSource.FusionAuth).ToArray();

        Assert.All(bodies, f =>
        {
            Assert.Matches(UuidV4(), f.Id);
            var user = f.Data.GetProperty("user");
            Assert.All(FusionAuthUserFields, name => Assert.True(user.TryGetProperty(name, out _), name));
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", user.GetProperty("birthDate").GetString()!);
            Assert.Equal(user.GetProperty("id").GetString(), f.Text("linkedObjectId"));
        });
        Assert.Contains(bodies, f => f.Type == "user.login.failed" && f.Data.GetProperty("reason").GetProperty("code").GetString() == "credentials");
        Assert.Contains(bodies, f => f.Type == "user.two-factor.failed.attempt" && f.Text("messageType") is "SMS" or "Voice");
        Assert.All(new[] { "user.login.success", "user.two-factor.challenge", "user.two-factor.success", "user.two-factor.method.add",
            "user.password.reset.send", "user.password.reset.start", "user.password.reset.success", "user.login.new-device" },
            type => Assert.Contains(bodies, f => f.Type == type));
    }

    [Fact]
    public void Generate_EveryIpAddress_FromTheDocumentationRanges()
    {
        var addresses = traffic.WellFormed.Select(f => f.Source switch
        {
            EventSource.LoginGov => f.Text("user_ip_address"),
            EventSource.OnePassword => f.Data.GetProperty("client").GetProperty("ip_address").GetString(),
            EventSource.Entrust => f.Text("sourceIp"),
            _ => f.Data.GetProperty("info").GetProperty("ipAddress").GetString(),
        }).ToArray();

        Assert.All(addresses, ip => Assert.Matches(@"^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$", ip!));
    }

    [Fact]
    public void Generate_TwoHours_UnknownEventTypesAndFieldsAppearUnflagged()
    {
        Assert.Contains(traffic.WellFormed, f => f.Type == "test-event");
        Assert.Contains(traffic.WellFormed, f => f.Type == "user.identity-provider.link");
        Assert.Contains(traffic.WellFormed, f => f.Source == EventSource.LoginGov && f.Data.TryGetProperty("sp_request_id", out _));
    }

    private static List<SimulatedDelivery> Generate(DemoTrafficOptions options, TimeSpan span)
    {
        var generator = new DemoTrafficGenerator(options);
        var start = SimulatedTrafficFixture.Start;
        return generator.Backfill(start, start + span).ToList();
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex UuidV4();

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex UuidV7();

    [GeneratedRegex("^[A-Z2-7]{26}$")]
    private static partial Regex Base32Id();
}
