namespace AuthEvents.Core.Alerts;

/// <summary>What an alert's key names: one open alert exists per rule and key.</summary>
public enum AlertKeyKind
{
    /// <summary>A client IP address, as the provider reported it.</summary>
    Ip = 1,

    /// <summary>A network in CIDR notation (IPv4 /24, IPv6 /64).</summary>
    Subnet = 2,

    /// <summary>A journey person, by the root identity key.</summary>
    Person = 3,

    /// <summary>A provider, or a provider's tenant (<c>Source/tenant</c>).</summary>
    Source = 4,

    /// <summary>A journey milestone, optionally with its provider (<c>milestone@Source</c>).</summary>
    Milestone = 5,

    /// <summary>A kind of identity-verification check (<c>fraud-check</c>, <c>document</c>).</summary>
    IdvCheck = 6,
}
