using AuthEvents.Tests.Support;
using AuthEvents.Web.Access;
using AuthEvents.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace AuthEvents.Tests.Web.Access;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class LocalModeGuardTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080;https://[::1]:5443")]
    [InlineData("http://127.0.0.2:80")]
    [InlineData("unix:/run/authevents.sock")]
    public void EnsureLoopbackOnly_LoopbackUrls_Starts(string urls) =>
        LocalModeGuard.EnsureLoopbackOnly(Configuration(("urls", urls)));

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://[::]:5080")]
    [InlineData("http://dashboard.example.org:5080")]
    [InlineData("http://127.0.0.1:5080;http://192.0.2.10:5080")]
    public void EnsureLoopbackOnly_AnAddressBeyondLoopback_RefusesNamingTheSetting(string urls)
    {
        var refused = Assert.Throws<StartupRefusedException>(() => LocalModeGuard.EnsureLoopbackOnly(Configuration(("urls", urls))));

        Assert.Contains("Auth:Oidc:Authority", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1:5080,", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExposedAddresses_PortsOrKestrelEndpoints_EveryInterfaceIsExposed()
    {
        var exposed = LocalModeGuard.ExposedAddresses(Configuration(
            ("http_ports", "8080"),
            ("Kestrel:Endpoints:Public:Url", "https://0.0.0.0:8443"),
            ("Kestrel:Endpoints:Local:Url", "http://127.0.0.1:8081")));

        Assert.Equal(["https://0.0.0.0:8443", "http_ports=8080 (every interface)"], exposed);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
