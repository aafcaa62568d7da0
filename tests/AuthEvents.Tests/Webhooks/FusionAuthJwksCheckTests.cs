using System.Net;
using System.Security.Cryptography;
using AuthEvents.Core.FusionAuth;
using AuthEvents.Core.Webhooks;
using AuthEvents.Demo.FusionAuth;
using AuthEvents.Ingest.Sources;
using AuthEvents.Ingest.Sources.FusionAuth;
using AuthEvents.Tests.OnePassword;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Endpoints;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static AuthEvents.Tests.Webhooks.FusionAuthTestKeys;

namespace AuthEvents.Tests.Webhooks;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class FusionAuthJwksCheckTests : IDisposable
{
    private static readonly byte[] Body = "{\"event\":{\"id\":\"e502168a-b469-45d9-a079-fd45f83e0406\"}}"u8.ToArray();
    private readonly TestClock _time = new();
    private readonly TestJwksHandler _jwks = new();
    private readonly HttpClient _http;
    private readonly FusionAuthJwksCache _cache;
    private readonly FusionAuthWebhookChecks _checks;

    public FusionAuthJwksCheckTests()
    {
        _http = new HttpClient(_jwks);
        var options = new FusionAuthSourceOptions { Enabled = true, JwksUrl = new Uri("https://auth.example.org/.well-known/jwks.json") };
        _cache = new FusionAuthJwksCache(new TestHttpClientFactory(_http), Options.Create(options), _time, NullLogger<FusionAuthJwksCache>.Instance);
        _checks = new FusionAuthWebhookChecks(options, _cache);
        _jwks.Jwks = Jwks(RsaJwk(Rsa, "key-1"));
    }

    [Fact]
    public async Task Verify_SignedWithAKeyOfTheJwks_ValidAfterOneFetch()
    {
        var result = await VerifyAsync(Rsa, "key-1");

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(1, _jwks.Requests);
        Assert.True((await VerifyAsync(Rsa, "key-1")).IsValid);
        Assert.Equal(1, _jwks.Requests);
    }

    [Fact]
    public async Task Verify_RotatedKeyWithNewKid_JwksFetchedAgainAndValid()
    {
        Assert.True((await VerifyAsync(Rsa, "key-1")).IsValid);
        _jwks.Jwks = Jwks(RsaJwk(Rsa, "key-1"), RsaJwk(OtherRsa, "key-2"));
        _time.Advance(TimeSpan.FromSeconds(31));

        var result = await VerifyAsync(OtherRsa, "key-2");

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(2, _jwks.Requests);
    }

    [Fact]
    public async Task Verify_UnknownKidsWithin30Seconds_OneFetchThen401()
    {
        Assert.True((await VerifyAsync(Rsa, "key-1")).IsValid);
        _time.Advance(TimeSpan.FromSeconds(31));

        var first = await VerifyAsync(OtherRsa, "forged-1");
        _time.Advance(TimeSpan.FromSeconds(20));
        var second = await VerifyAsync(OtherRsa, "forged-2");

        Assert.Equal(WebhookRejectionReasons.UnknownKeyId, first.Reason);
        Assert.Equal(WebhookRejectionReasons.UnknownKeyId, second.Reason);
        Assert.Equal(2, _jwks.Requests);
    }

    [Fact]
    public async Task Verify_JwksNeverLoaded_KeysUnavailableNotRejected()
    {
        _jwks.FailWith = HttpStatusCode.BadGateway;

        var first = await VerifyAsync(Rsa, "key-1");
        _time.Advance(TimeSpan.FromSeconds(5));
        var again = await VerifyAsync(Rsa, "key-1");

        Assert.Equal(WebhookRejectionReasons.SigningKeysUnavailable, first.Reason);
        Assert.Equal(WebhookRejectionReasons.SigningKeysUnavailable, again.Reason);
        Assert.Equal(1, _jwks.Requests);
        _jwks.FailWith = null;
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await VerifyAsync(Rsa, "key-1")).IsValid);
    }

    [Fact]
    public async Task Verify_UnknownKidWhileJwksDown_KeysUnavailable()
    {
        Assert.True((await VerifyAsync(Rsa, "key-1")).IsValid);
        _jwks.FailWith = HttpStatusCode.ServiceUnavailable;
        _time.Advance(TimeSpan.FromMinutes(1));

        var result = await VerifyAsync(OtherRsa, "key-2");

        Assert.Equal(WebhookRejectionReasons.SigningKeysUnavailable, result.Reason);
    }

    [Fact]
    public async Task Verify_BadSignatureUnderAKnownKid_RejectedWithoutFetching()
    {
        Assert.True((await VerifyAsync(Rsa, "key-1")).IsValid);
        _time.Advance(TimeSpan.FromMinutes(1));

        var result = await VerifyAsync(OtherRsa, "key-1");

        Assert.Equal(WebhookRejectionReasons.SignatureMismatch, result.Reason);
        Assert.Equal(1, _jwks.Requests);
    }

    [Fact]
    public async Task Verify_StaleKeysAndJwksDown_LoadedKeysKept()
    {
        Assert.True((await VerifyAsync(Rsa, "key-1")).IsValid);
        _jwks.FailWith = HttpStatusCode.InternalServerError;
        _time.Advance(FusionAuthJwksCache.MaxAge + TimeSpan.FromMinutes(1));

        var result = await VerifyAsync(Rsa, "key-1");

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(2, _jwks.Requests);
    }

    private Task<WebhookVerification> VerifyAsync(RSA key, string kid)
    {
        var jwt = FusionAuthSignatureSigner.ForRsa(key, kid).Sign(Body);
        return _checks.VerifyAsync([KeyValuePair.Create(FusionAuthSignatureVerifier.HeaderName, jwt)], Body, CancellationToken.None);
    }

    public void Dispose()
    {
        _cache.Dispose();
        _http.Dispose();
        _jwks.Dispose();
    }
}
