using System.Net;
using System.Security.Cryptography;
using AuthEvents.Core.Events;
using AuthEvents.Core.LoginGov;
using AuthEvents.Demo.LoginGov;
using AuthEvents.Ingest.Sources;
using AuthEvents.Ingest.Sources.LoginGov;
using AuthEvents.Tests.OnePassword;
using AuthEvents.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AuthEvents.Tests.LoginGov;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class LoginGovSigningKeysRefresherTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    private readonly TestClock _time = new();
    private readonly TestJwksHandler _jwks = new();
    private readonly HttpClient _http;
    private readonly ECDsa _keyA = TestLoginGovKeys.Ec(TestLoginGovKeys.EcA);
    private readonly ECDsa _keyB = TestLoginGovKeys.Ec(TestLoginGovKeys.EcB);
    private readonly RSA _rsa = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);
    private readonly LoginGovKeyRing _ring = LoginGovKeyRing.FromPem([TestLoginGovKeys.RsaA]);
    private readonly LoginGovSetDecoderProvider _provider;
    private readonly LoginGovSigningKeysRefresher _refresher;
    private readonly LoginGovPayloadDecoder _decoder;

    public LoginGovSigningKeysRefresherTests()
    {
        _http = new HttpClient(_jwks);
        var options = Options.Create(new LoginGovSourceOptions
        {
            Enabled = true,
            Issuer = TestLoginGovKeys.Audience,
            SigningKeysUrl = new Uri("https://secure.login.gov/api/attempts-certs"),
            SigningKeysRefreshInterval = TimeSpan.FromDays(7),
        });
        _provider = new LoginGovSetDecoderProvider(_ring, options);
        _refresher = new LoginGovSigningKeysRefresher(new TestHttpClientFactory(_http), _provider, options, _time, NullLogger<LoginGovSigningKeysRefresher>.Instance);
        _decoder = new LoginGovPayloadDecoder(() => _provider.Decoder, _refresher.RefreshForUnknownKeyAsync);
        _jwks.Jwks = new Es256JwsSigner(_keyA).ExportJwks();
    }

    public async Task InitializeAsync() => await _refresher.StartingAsync(CancellationToken.None);

    [Fact]
    public void Starting_JwksServed_SetsSignedWithItsKeyVerify()
    {
        Assert.Equal(1, _jwks.Requests);
        Assert.True(_provider.Decoder.Decode("s-1", Signed(_keyA, "s-1")).IsSuccess);
    }

    [Fact]
    public async Task Schedule_IntervalElapses_KeysFetchedAgainAndNewKeyVerifies()
    {
        await _refresher.StartAsync(CancellationToken.None);
        _jwks.Jwks = new Es256JwsSigner(_keyB).ExportJwks();
        var scheduled = await _time.WaitForTimerAsync(d => d == Week);

        _time.Advance(TimeSpan.FromDays(6));
        var beforeDue = (_jwks.Requests, _provider.Decoder.Decode("s-2", Signed(_keyB, "s-2")).Error);
        await _time.AdvanceToTimerAsync(Week);
        var next = await _time.WaitForTimerAsync(d => d == Week);
        await _refresher.StopAsync(CancellationToken.None);

        Assert.Equal(_time.Start + Week, scheduled.DueAt);
        Assert.Equal((1, SetDecodeError.SignatureInvalid), beforeDue);
        Assert.Equal(2, _jwks.Requests);
        Assert.Equal(_time.Start + Week + Week, next.DueAt);
        Assert.True(_provider.Decoder.Decode("s-3", Signed(_keyB, "s-3")).IsSuccess);
    }

    [Fact]
    public async Task Schedule_FetchFails_LoadedKeysKeptAndFetchRetriedSoon()
    {
        await _refresher.StartAsync(CancellationToken.None);
        _jwks.FailWith = HttpStatusCode.ServiceUnavailable;

        await _time.AdvanceToTimerAsync(Week);
        var retry = await _time.WaitForTimerAsync(d => d == LoginGovSigningKeysRefresher.RetryAfterFailure);
        var afterFailure = (_jwks.Requests, _provider.Decoder.Decode("s-4", Signed(_keyA, "s-4")).IsSuccess);
        _jwks.FailWith = null;
        _jwks.Jwks = new Es256JwsSigner(_keyB).ExportJwks();
        _time.Advance(TimeSpan.FromMinutes(4));
        var beforeRetry = _jwks.Requests;
        await _time.AdvanceToTimerAsync(LoginGovSigningKeysRefresher.RetryAfterFailure);
        await _time.WaitForTimerAsync(d => d == Week);
        await _refresher.StopAsync(CancellationToken.None);

        Assert.Equal(_time.Start + Week + LoginGovSigningKeysRefresher.RetryAfterFailure, retry.DueAt);
        Assert.Equal((2, true), afterFailure);
        Assert.Equal(2, beforeRetry);
        Assert.Equal(3, _jwks.Requests);
        Assert.True(_provider.Decoder.Decode("s-5", Signed(_keyB, "s-5")).IsSuccess);
    }

    [Fact]
    public async Task UnknownKey_SetSignedWithRotatedKey_FetchedOnceThenDecoded()
    {
        _jwks.Jwks = new Es256JwsSigner(_keyB).ExportJwks();
        _time.Advance(TimeSpan.FromMinutes(1));

        var result = await _decoder.DecodeAsync(EventSource.LoginGov, "s-6", Signed(_keyB, "s-6"), CancellationToken.None);

        Assert.True(result.IsSuccess, result.FailureReason);
        Assert.Equal(2, _jwks.Requests);
    }

    [Fact]
    public async Task UnknownKey_AgainWithin30Seconds_NotFetchedUntilTheSpacingPassed()
    {
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _time.Advance(TimeSpan.FromMinutes(1));
        var first = await _decoder.DecodeAsync(EventSource.LoginGov, "s-7", Signed(stranger, "s-7"), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(29));

        var second = await _decoder.DecodeAsync(EventSource.LoginGov, "s-8", Signed(stranger, "s-8"), CancellationToken.None);

        Assert.Contains("SignatureInvalid", first.FailureReason, StringComparison.Ordinal);
        Assert.Contains("SignatureInvalid", second.FailureReason, StringComparison.Ordinal);
        Assert.Equal(2, _jwks.Requests);
        _time.Advance(TimeSpan.FromSeconds(2));
        await _decoder.DecodeAsync(EventSource.LoginGov, "s-9", Signed(stranger, "s-9"), CancellationToken.None);
        Assert.Equal(3, _jwks.Requests);
    }

    [Fact]
    public async Task UnknownKey_JwksDown_QuarantineReasonAndLoadedKeysKept()
    {
        _time.Advance(TimeSpan.FromMinutes(1));
        _jwks.FailWith = HttpStatusCode.InternalServerError;

        var result = await _decoder.DecodeAsync(EventSource.LoginGov, "s-10", Signed(_keyB, "s-10"), CancellationToken.None);

        Assert.Contains("SignatureInvalid", result.FailureReason, StringComparison.Ordinal);
        Assert.Equal(2, _jwks.Requests);
        Assert.True((await _decoder.DecodeAsync(EventSource.LoginGov, "s-11", Signed(_keyA, "s-11"), CancellationToken.None)).IsSuccess);
    }

    [Fact]
    public void UseSigningKeys_SameKeysAgain_DecoderKept()
    {
        var before = _provider.Decoder;

        var changed = _provider.UseSigningKeys(LoginGovSigningKeys.FromJwks(new Es256JwsSigner(_keyA).ExportJwks()));

        Assert.False(changed);
        Assert.Same(before, _provider.Decoder);
    }

    private string Signed(ECDsa key, string jti)
    {
        return new SetEncryptor(_rsa).Encrypt(new Es256JwsSigner(key).Sign(TestSets.Set(jti)));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _refresher.Dispose();
        _provider.Dispose();
        _ring.Dispose();
        _http.Dispose();
        _jwks.Dispose();
        _keyA.Dispose();
        _keyB.Dispose();
        _rsa.Dispose();
    }
}
