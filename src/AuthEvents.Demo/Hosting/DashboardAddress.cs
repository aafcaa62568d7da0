using Microsoft.AspNetCore.Http;

namespace AuthEvents.Demo.Hosting;

/// <summary>
/// Where the dashboard can reach itself, chosen from the addresses its server listens on: an <c>http</c> address before an
/// <c>https</c> one (no certificate to trust), and a wildcard host (<c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>, <c>+</c>) turned
/// into the loopback address. Unix sockets are skipped.
/// </summary>
public static class DashboardAddress
{
    /// <summary>The base URL to call, or null when none of <paramref name="addresses"/> is a TCP address.</summary>
    public static Uri? Choose(IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var candidates = new List<Uri>();
        foreach (var address in addresses)
        {
            BindingAddress binding;
            try
            {
                binding = BindingAddress.Parse(address);
            }
            catch (FormatException)
            {
                continue;
            }

            if (binding.IsUnixPipe || binding.IsNamedPipe || binding.Port <= 0)
            {
                continue;
            }

            var https = string.Equals(binding.Scheme, "https", StringComparison.OrdinalIgnoreCase);
            var host = binding.Host switch
            {
                "0.0.0.0" or "*" or "+" => https ? "localhost" : "127.0.0.1",
                "[::]" or "::" => https ? "localhost" : "[::1]",
                var named => named,
            };
            candidates.Add(new UriBuilder(https ? "https" : "http", host, binding.Port).Uri);
        }

        return candidates.OrderBy(u => u.Scheme == "https" ? 1 : 0).FirstOrDefault();
    }
}
