using System.Net;

namespace AuthEvents.Web.Access;

/// <summary>
/// Refuses to start in local mode (no sign-in) on anything but loopback: the addresses from <c>--urls</c> or
/// <c>ASPNETCORE_URLS</c>, <c>http_ports</c>/<c>https_ports</c> (every interface) and <c>Kestrel:Endpoints</c>.
/// </summary>
public static class LocalModeGuard
{
    /// <summary>The addresses in <paramref name="configuration"/> that are not loopback.</summary>
    public static IReadOnlyList<string> ExposedAddresses(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var exposed = new List<string>();
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        exposed.AddRange(urls.Where(url => !IsLoopback(url)));
        foreach (var key in (string[])["http_ports", "https_ports"])
        {
            if (!string.IsNullOrWhiteSpace(configuration[key]))
            {
                exposed.Add($"{key}={configuration[key]} (every interface)");
            }
        }

        return exposed;
    }

    /// <summary>Throws, naming the setting to configure, when local mode would listen beyond loopback.</summary>
    public static void EnsureLoopbackOnly(IConfiguration configuration)
    {
        var exposed = ExposedAddresses(configuration);
        if (exposed.Count > 0)
        {
            throw new AuthEvents.Web.Hosting.StartupRefusedException(
                $"Refusing to start: no sign-in is configured (Auth:Oidc:Authority is empty), and without sign-in the dashboard serves only loopback, "
                + $"but it was asked to listen on {string.Join(", ", exposed)}. Set Auth:Oidc:Authority, Auth:Oidc:ClientId and Auth:Oidc:ClientSecret "
                + "to require sign-in, or listen on 127.0.0.1.");
        }
    }

    private static bool IsLoopback(string url)
    {
        if (url.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // Kestrel's wildcards (*, +, 0.0.0.0, [::]) bind every interface; Uri cannot parse the first two.
        var host = url.Split("://", 2) is [_, var rest] ? rest.Split('/', 2)[0] : url;
        host = host.StartsWith('[') ? host[1..host.IndexOf(']', StringComparison.Ordinal)] : host.Split(':')[0];
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
