using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AuthEvents.Core.FusionAuth;
using AuthEvents.Core.Webhooks;
using AuthEvents.Demo.FusionAuth;
using AuthEvents.Store;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AuthEvents.Tests.Webhooks.FusionAuthTestKeys;

namespace AuthEvents.Tests.Web;

/// <summary>The FusionAuth receiver with <c>Sources:FusionAuth:JwksUrl</c>, against a loopback JWKS endpoint.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class FusionAuthJwksHostTests : IAsyncLifetime
{
    private readonly OffsetTimeProvider _clock = new();
    private TestJwksServer _jwks = null!;

    public async Task InitializeAsync()
    {
        _jwks = await TestJwksServer.StartAsync();
        _jwks.Jwks = Jwks(RsaJwk(Rsa, "key-1"));
    }

    [Fact]
    public async Task FusionAuth_SignedWithAJwksKey_200AndStored()
    {
        await using var host = StartHost();
        using var client = host.CreateClient();

        using var response = await client.SendAsync(Request(Rsa, "key-1", "1b0e3c1f-3c52-4f3e-9a5e-0d2f7c8a9b10"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await InboxCountAsync(host));
    }

    [Fact]
    public async Task FusionAuth_KeyRotatedToANewKid_JwksFetchedAgainAnd200()
    {
        await using var host = StartHost();
        using var client = host.CreateClient();
        using (var first = await client.SendAsync(Request(Rsa, "key-1", "2c1f4d2a-4d63-4a4f-8b6f-1e3a8d9b0c21")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var fetches = _jwks.Requests;
        _jwks.Jwks = Jwks(RsaJwk(Rsa, "key-1"), RsaJwk(OtherRsa, "key-2"));
        _clock.Advance(TimeSpan.FromSeconds(31));

        using var response = await client.SendAsync(Request(OtherRsa, "key-2", "3d2a5e3b-5e74-4b5a-9c7a-2f4b9e0c1d32"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fetches + 1, _jwks.Requests);
        Assert.Equal(2, await InboxCountAsync(host));
    }

    [Fact]
    public async Task FusionAuth_JwksDown_503AndNothingStored()
    {
        _jwks.FailWith = HttpStatusCode.InternalServerError;
        await using var host = StartHost();
        using var client = host.CreateClient();

        using var response = await client.SendAsync(Request(Rsa, "key-1", "4e3b6f4c-6f85-4c6b-8d8b-3a5c0f1d2e43"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("retry later", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await InboxCountAsync(host));
    }

    [Fact]
    public async Task FusionAuth_BadSignatureUnderAJwksKid_401AndNothingStored()
    {
        await using var host = StartHost();
        using var client = host.CreateClient();

        using var response = await client.SendAsync(Request(OtherRsa, "key-1", "5f4c7a5d-7a96-4d7c-9e9c-4b6d1a2e3f54"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync(host));
    }

    private TestHost StartHost()
    {
        return new TestHost(
            new Dictionary<string, string?>
            {
                ["Demo:Enabled"] = "false",
                ["Sources:FusionAuth:Enabled"] = "true",
                ["Sources:FusionAuth:JwksUrl"] = _jwks.JwksUrl.ToString(),
            },
            services => services.AddSingleton<TimeProvider>(_clock));
    }

    private HttpRequestMessage Request(RSA key, string kid, string eventId)
    {
        var body = "{\"event\":{\"id\":\"" + eventId + "\",\"createInstant\":" + _clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)
            + ",\"type\":\"user.login.success\",\"tenantId\":\"e872a880-b14f-6d62-c312-cb40f22af465\",\"user\":{\"id\":\"00000000-0000-0001-0000-000000000000\"}}}";
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/fusionauth") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(FusionAuthSignatureVerifier.HeaderName, FusionAuthSignatureSigner.ForRsa(key, kid).Sign(Encoding.UTF8.GetBytes(body)));
        return request;
    }

    private static async Task<int> InboxCountAsync(TestHost host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<AuthEventsDbContext>>().CreateDbContextAsync();
        return await db.Inbox.CountAsync();
    }

    public async Task DisposeAsync() => await _jwks.DisposeAsync();
}
