using System.Net;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Tests.Web;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class TransportSecurityTests : IDisposable
{
    private const string Proxy = "10.0.0.5";
    private readonly List<TestHost> _hosts = [];

    [Fact]
    public async Task Https_AnyPage_HstsForAYear()
    {
        using var client = Host().CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://dashboard.example.org"), AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/healthz/live", UriKind.Relative));

        Assert.Equal("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Http_AnyPage_NoHsts()
    {
        using var client = Host().CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://dashboard.example.org"), AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/healthz/live", UriKind.Relative));

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData(null, Proxy, false)]
    [InlineData(Proxy, "10.0.0.9", false)]
    [InlineData(Proxy, Proxy, true)]
    public async Task ForwardedProto_OnlyFromAKnownProxy_MakesTheRequestHttps(string? knownProxies, string from, bool trusted)
    {
        using var client = Host(knownProxies).CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://dashboard.example.org"), AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Add("X-Test-Remote", from);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(trusted, response.Headers.Contains("Strict-Transport-Security"));
        // Cookies are Secure exactly when the request is HTTPS, directly or as a trusted proxy says.
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => Assert.Equal(trusted, cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [InlineData("not-an-ip")]
    [InlineData("10.0.0.0/8")]
    public void KnownProxies_NotAnAddress_StartupRefusedNamingTheSetting(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create(TransportSecurity.KnownProxiesKey, (string?)value)]).Build();

        var refused = Assert.Throws<StartupRefusedException>(() => TransportSecurity.KnownProxies(configuration));

        Assert.Contains("ForwardedHeaders:KnownProxies", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KnownProxies_ListOrSeparatedString_BothRead()
    {
        var list = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("ForwardedHeaders:KnownProxies:0", (string?)"10.0.0.5"), KeyValuePair.Create("ForwardedHeaders:KnownProxies:1", (string?)"::1")]).Build();
        var text = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("ForwardedHeaders:KnownProxies", (string?)"10.0.0.5; 10.0.0.6")]).Build();

        Assert.Equal(["10.0.0.5", "::1"], TransportSecurity.KnownProxies(list).Select(a => a.ToString()));
        Assert.Equal(["10.0.0.5", "10.0.0.6"], TransportSecurity.KnownProxies(text).Select(a => a.ToString()));
    }

    private TestHost Host(string? knownProxies = null)
    {
        var host = new TestHost(
            new Dictionary<string, string?>
            {
                ["Demo:Enabled"] = "false",
                ["AllowedHosts"] = "dashboard.example.org",
                [TransportSecurity.KnownProxiesKey] = knownProxies,
            },
            services => services.AddTransient<IStartupFilter, RemoteAddressFromHeader>());
        _hosts.Add(host);
        return host;
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
    }

    /// <summary>The test server has no socket: the connection's address comes from a test header, ahead of the app's pipeline.</summary>
    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers["X-Test-Remote"].ToString() is { Length: > 0 } remote)
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
