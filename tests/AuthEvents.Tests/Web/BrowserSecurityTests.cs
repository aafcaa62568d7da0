using System.Net;
using System.Text.Json;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Hosting;

namespace AuthEvents.Tests.Web;

/// <summary>
/// What a browser page of another site can reach (issue 12's attack cases): a foreign <c>Host</c> (DNS rebinding) gets
/// nothing; a foreign <c>Origin</c> cannot open the Blazor circuit or the events hub, by negotiate or by WebSocket; and
/// every response carries the content security policy, with no inline script and no framing.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class BrowserSecurityTests : IDisposable
{
    private const string Evil = "https://evil.example";
    private readonly TestHost _host = new(new Dictionary<string, string?>
    {
        ["Demo:Enabled"] = "false",
        ["Auth:AllowedOrigins:0"] = "https://ops.example.org",
    });

    [Theory]
    [InlineData("/")]
    [InlineData("/live")]
    [InlineData("/failures")]
    [InlineData("/journeys")]
    [InlineData("/journeys/catalog")]
    [InlineData("/people")]
    [InlineData("/sessions")]
    [InlineData("/people/email%3Aabc")]
    [InlineData("/sessions/s-1")]
    [InlineData("/sources")]
    [InlineData("/audit")]
    [InlineData("/signed-out")]
    [InlineData("/error")]
    [InlineData("/healthz")]
    [InlineData("/api/events?format=csv")]
    public async Task AnyResponse_OneContentSecurityPolicyWithNoInlineScriptAndNoFraming(string path)
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(BrowserSecurity.ContentSecurityPolicy, policy);
        var directives = policy.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        Assert.Equal("'self'", directives["script-src"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.Equal("'self'", directives["base-uri"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:5080")]
    [InlineData("10.0.0.7")]
    public async Task ForeignHost_RefusedBeforeAnyData(string host)
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/events?format=csv", UriKind.Relative));
        request.Headers.Host = host;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("occurred", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:5080")]
    [InlineData("[::1]:5080")]
    public async Task LoopbackHost_Served(string host)
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/healthz/live", UriKind.Relative));
        request.Headers.Host = host;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/hubs/events/negotiate?negotiateVersion=1")]
    [InlineData("/_blazor/negotiate?negotiateVersion=1")]
    public async Task Negotiate_ForeignOrigin_403ProblemAndNoConnection(string path)
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        request.Headers.Add("Origin", Evil);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("connectionToken", body, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("Origin not allowed", problem.RootElement.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("http://localhost")]
    [InlineData("https://ops.example.org")]
    [InlineData(null)]
    public async Task Negotiate_OwnListedOrNoOrigin_Connects(string? origin)
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/hubs/events/negotiate?negotiateVersion=1", UriKind.Relative));
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("connectionToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/hubs/events")]
    [InlineData("/_blazor")]
    public async Task WebSocket_ForeignOrigin_UpgradeRefused(string path)
    {
        var sockets = _host.Server.CreateWebSocketClient();
        sockets.ConfigureRequest = request => request.Headers.Origin = Evil;

        var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => sockets.ConnectAsync(new Uri("ws://localhost" + path), CancellationToken.None));

        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("https://localhost.evil.example")]
    [InlineData("http://localhost:8080")]
    [InlineData("https://localhost")]
    public async Task Negotiate_OriginThatOnlyLooksLikeOurs_Refused(string origin)
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/hubs/events/negotiate?negotiateVersion=1", UriKind.Relative));
        request.Headers.Add("Origin", origin);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public void Dispose() => _host.Dispose();
}
