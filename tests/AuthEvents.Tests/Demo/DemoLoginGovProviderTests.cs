using System.Text.Json;
using System.Text.Json.Nodes;
using AuthEvents.Core.LoginGov;
using AuthEvents.Demo.Hosting;
using AuthEvents.Demo.LoginGov;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Demo;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class DemoLoginGovProviderTests : IDisposable
{
    private const string Issuer = "http://logingov.demo.localhost/";
    private readonly DemoCredentials _credentials = new(TestSecrets.Fresh());
    private readonly TestClock _time = new();
    private readonly DemoLoginGovProvider _provider;
    private readonly LoginGovKeyRing _ring;
    private readonly IReadOnlyList<System.Security.Cryptography.ECDsa> _signingKeys;
    private readonly SetDecoder _decoder;

    public DemoLoginGovProviderTests()
    {
        _provider = new DemoLoginGovProvider(_credentials, _time);
        _ring = _credentials.CreateLoginGovKeyRing();
        _signingKeys = LoginGovSigningKeys.FromJwks(_provider.SigningJwks);
        _decoder = new SetDecoder(_ring, new SetDecoderOptions
        {
            ExpectedAudience = DemoCredentials.LoginGovIssuer,
            ExpectedIssuer = Issuer,
            SigningKeys = _signingKeys,
            RequireSignature = true,
        });
    }

    private string Authorization => $"Bearer {DemoCredentials.LoginGovIssuer} {_credentials.LoginGovToken}";

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer urn:gov:gsa:openidconnect.profiles:sp:sso:agency:demo-app wrong-token")]
    public void Poll_WrongOrMissingBearer_401(string? authorization)
    {
        _provider.Publish(Set("jti-1"));

        var answer = _provider.Poll(authorization, "{\"maxEvents\":10,\"ack\":[]}");

        Assert.Equal(401, answer.Status);
        Assert.Equal("{\"error\":\"Unauthorized\"}", answer.Json);
    }

    [Fact]
    public void Poll_PublishedSets_ServedOldestFirstAsSignedJwesTheImporterAccepts()
    {
        _provider.Publish(Set("jti-1"));
        _provider.Publish(Set("jti-2"));

        var sets = Sets(_provider.Poll(Authorization, "{\"maxEvents\":10,\"ack\":[]}"));

        Assert.Equal(["jti-1", "jti-2"], sets.Keys);
        Assert.All(sets, set =>
        {
            var result = _decoder.Decode(set.Key, set.Value);
            Assert.True(result.IsSuccess, result.FailureReason);
            Assert.True(result.IsSigned);
        });
    }

    [Fact]
    public void Poll_AckedJtis_NotServedAgainWhileUnackedComeBackIdentical()
    {
        _provider.Publish(Set("jti-1"));
        _provider.Publish(Set("jti-2"));
        var first = Sets(_provider.Poll(Authorization, "{\"maxEvents\":10,\"ack\":[]}"));

        var second = Sets(_provider.Poll(Authorization, "{\"maxEvents\":10,\"ack\":[\"jti-1\",\"never-served\"]}"));

        Assert.Equal(["jti-2"], second.Keys);
        Assert.Equal(first["jti-2"], second["jti-2"]);
        Assert.Equal(1, _provider.Acknowledged);
        Assert.Equal(1, _provider.Pending);
    }

    [Fact]
    public void Poll_AcksUnderTheOldKeyName_AlsoApplied()
    {
        _provider.Publish(Set("jti-1"));

        var sets = Sets(_provider.Poll(Authorization, "{\"maxEvents\":10,\"acks\":[\"jti-1\"]}"));

        Assert.Empty(sets);
    }

    [Fact]
    public void Poll_MaxEvents_BoundsTheBatch()
    {
        for (var i = 0; i < 5; i++)
        {
            _provider.Publish(Set($"jti-{i}"));
        }

        Assert.Equal(["jti-0", "jti-1"], Sets(_provider.Poll(Authorization, "{\"maxEvents\":2}")).Keys);
    }

    [Theory]
    [InlineData("{\"maxEvents\":0}")]
    [InlineData("{\"maxEvents\":1001}")]
    [InlineData("not json")]
    public void Poll_BadBody_400(string body)
    {
        Assert.Equal(400, _provider.Poll(Authorization, body).Status);
    }

    [Fact]
    public void Poll_UnackedForLongerThanTheRetention_Dropped()
    {
        _provider.Publish(Set("old"));
        _time.Advance(TimeSpan.FromMinutes(30));
        _provider.Publish(Set("new"));
        _time.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(["new"], Sets(_provider.Poll(Authorization, "{}")).Keys);
    }

    [Fact]
    public void Publish_DamagedSetWithoutReadableJti_ServedUnderAKeyOfItsOwnAndRefusedByTheDecoder()
    {
        _provider.Publish(Set("jti-1")[..40]);

        var set = Assert.Single(Sets(_provider.Poll(Authorization, "{}")));

        Assert.Equal("unkeyed-1", set.Key);
        // The demo signs every SET; IdentityModel reads a signed payload that is not JSON as a malformed JWS.
        Assert.Equal(SetDecodeError.MalformedJws, _decoder.Decode(set.Key, set.Value).Error);
    }

    private static string Set(string jti) => new JsonObject
    {
        ["jti"] = jti,
        ["iat"] = 1764000000,
        ["iss"] = Issuer,
        ["aud"] = DemoCredentials.LoginGovIssuer,
        ["events"] = new JsonObject
        {
            ["https://schemas.login.gov/secevent/attempts-api/event-type/login-completed"] = new JsonObject { ["occurred_at"] = 1764000000.5 },
        },
    }.ToJsonString();

    private static Dictionary<string, string> Sets(DemoHttpAnswer answer)
    {
        Assert.Equal(200, answer.Status);
        using var document = JsonDocument.Parse(answer.Json);
        return document.RootElement.GetProperty("sets").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    public void Dispose()
    {
        foreach (var key in _signingKeys)
        {
            key.Dispose();
        }

        _ring.Dispose();
        _credentials.Dispose();
    }
}
