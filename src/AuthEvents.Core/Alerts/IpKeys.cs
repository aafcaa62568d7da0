using System.Net;

namespace AuthEvents.Core.Alerts;

/// <summary>Alert keys from client addresses: the address as reported, or its network, unless it is ignored.</summary>
internal static class IpKeys
{
    /// <summary>IPv4 addresses group by /24 ...</summary>
    public const int V4SubnetBits = 24;

    /// <summary>... and IPv6 addresses by /64, the usual end-site prefix.</summary>
    public const int V6SubnetBits = 64;

    /// <summary>Parses CIDR networks or single addresses (a single address is its own /32 or /128).</summary>
    /// <exception cref="ArgumentException">An entry is neither.</exception>
    public static IReadOnlyList<IPNetwork> ParseNetworks(IEnumerable<string> entries, string setting)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in entries)
        {
            var text = entry.Trim();
            if (IPNetwork.TryParse(text, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(text, out var address))
            {
                address = Canonical(address);
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                throw new ArgumentException("An entry of " + setting + " is not an address or a CIDR network.", nameof(entries));
            }
        }

        return networks;
    }

    /// <summary>
    /// The key of a reported address: itself (as reported, so that it matches the stored events' <c>ip</c>), or its
    /// network with <paramref name="groupBySubnet"/>; null when it is blank or inside an ignored network. An address
    /// that does not parse is keyed as reported and never grouped.
    /// </summary>
    public static string? KeyOf(string? ip, IReadOnlyList<IPNetwork> ignored, bool groupBySubnet)
    {
        if (string.IsNullOrWhiteSpace(ip))
        {
            return null;
        }

        var text = ip.Trim();
        if (!IPAddress.TryParse(text, out var address))
        {
            return text;
        }

        address = Canonical(address);
        foreach (var network in ignored)
        {
            if (network.Contains(address))
            {
                return null;
            }
        }

        return groupBySubnet ? Subnet(address).ToString() : text;
    }

    /// <summary>The /24 or /64 network of an address.</summary>
    public static IPNetwork Subnet(IPAddress address)
    {
        var v4 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
        var bits = v4 ? V4SubnetBits : V6SubnetBits;
        var bytes = address.GetAddressBytes();
        for (var i = bits / 8; i < bytes.Length; i++)
        {
            bytes[i] = 0;
        }

        return new IPNetwork(new IPAddress(bytes), bits);
    }

    private static IPAddress Canonical(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
