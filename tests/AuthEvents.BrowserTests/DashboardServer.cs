using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.BrowserTests;

/// <summary>
/// The real dashboard on Kestrel (loopback, a free port) with its own temporary data folder and fast demo
/// traffic, reached through a <see cref="TcpProxy"/> so tests can cut the connection. Local mode (no sign-in) unless
/// <c>settings</c> configure an OpenID provider.
/// </summary>
public sealed class DashboardServer : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "authevents-browser", Guid.NewGuid().ToString("N"));
    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <param name="settings">Configuration on top of the defaults below (they win over them), e.g. <c>Auth:Oidc:*</c>.</param>
    public DashboardServer(IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public TcpProxy Proxy { get; private set; } = default!;

    public Uri DirectAddress { get; private set; } = default!;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        DirectAddress = new Uri(addresses.First());
        Proxy = new TcpProxy(new IPEndPoint(IPAddress.Loopback, DirectAddress.Port));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", _dataDirectory);
        builder.UseSetting("DetailedErrors", "true");
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:EventsPerSecond", "12");
        builder.UseSetting("Demo:Backfill", "00:10:00");
        builder.UseEnvironment("Production");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:AuthEvents", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Proxy?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
