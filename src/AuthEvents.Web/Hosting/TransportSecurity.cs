using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace AuthEvents.Web.Hosting;

/// <summary>
/// HTTPS as the browser and the proxy see it: forwarded headers read only from the proxies listed in
/// <c>ForwardedHeaders:KnownProxies</c> (so a client cannot claim to be HTTPS or another address itself), HSTS on every
/// HTTPS answer, and HTTP redirected to HTTPS when the dashboard serves HTTPS itself.
/// </summary>
public static class TransportSecurity
{
    public const string KnownProxiesKey = "ForwardedHeaders:KnownProxies";

    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var proxies = KnownProxies(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only these: the framework's default trusts loopback, which on a shared host is anyone on the machine.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
        });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (KnownProxies(app.Configuration).Count > 0)
        {
            app.UseForwardedHeaders();
        }

        // Browsers keep HSTS only from an HTTPS answer, and the middleware leaves loopback names out.
        app.UseHsts();
        if (ServesHttps(app.Configuration))
        {
            app.UseHttpsRedirection();
        }

        return app;
    }

    /// <summary>The addresses of <c>ForwardedHeaders:KnownProxies</c>; start-up refuses one that is not an IP address.</summary>
    public static IReadOnlyList<IPAddress> KnownProxies(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var values = configuration.GetSection(KnownProxiesKey).Get<string[]>()
            ?? (configuration[KnownProxiesKey] ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. values.Select(value => IPAddress.TryParse(value, out var address)
            ? address
            : throw new StartupRefusedException($"{KnownProxiesKey} lists \"{value}\", which is not an IP address. List the reverse proxies' addresses."))];
    }

    private static bool ServesHttps(IConfiguration configuration) =>
        (configuration["urls"] ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase)
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any(e => e["Url"]?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true);
}
