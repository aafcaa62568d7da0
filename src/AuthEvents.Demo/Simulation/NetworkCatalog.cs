using System.Globalization;

namespace AuthEvents.Demo.Simulation;

/// <summary>
/// IP addresses, only ever from the RFC 5737 documentation ranges: homes in 192.0.2.0/24 and the lower part of
/// 198.51.100.0/24, phones and hotels in its upper part, attackers in 203.0.113.0/24. A real address never appears.
/// </summary>
internal static class NetworkCatalog
{
    public static string HomeIp(Random random) => random.Chance(0.55)
        ? "192.0.2." + random.IntBetween(1, 254).ToString(CultureInfo.InvariantCulture)
        : "198.51.100." + random.IntBetween(1, 200).ToString(CultureInfo.InvariantCulture);

    public static string RoamingIp(Random random) =>
        "198.51.100." + random.IntBetween(201, 254).ToString(CultureInfo.InvariantCulture);

    public static string AttackerIp(Random random) =>
        "203.0.113." + random.IntBetween(1, 254).ToString(CultureInfo.InvariantCulture);

    /// <summary>An ephemeral source port as Login.gov reads it from <c>CloudFront-Viewer-Address</c>.</summary>
    public static string ClientPort(Random random) => random.IntBetween(49152, 65535).ToString(CultureInfo.InvariantCulture);
}
