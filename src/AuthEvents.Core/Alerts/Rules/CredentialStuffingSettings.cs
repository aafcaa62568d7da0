namespace AuthEvents.Core.Alerts.Rules;

/// <summary>Settings of <see cref="CredentialStuffingRule"/>: 20 people within 10 minutes from one address, High.</summary>
public sealed record CredentialStuffingSettings : AlertRuleSettings
{
    /// <summary>The defaults.</summary>
    public CredentialStuffingSettings()
    {
        Threshold = 20;
        Window = TimeSpan.FromMinutes(10);
        Severity = AlertSeverity.High;
    }

    /// <summary>Key by network (IPv4 /24, IPv6 /64) instead of by address.</summary>
    public bool GroupBySubnet { get; init; }

    /// <summary>Addresses or networks (CIDR) never counted, such as a known corporate NAT.</summary>
    public IReadOnlyList<string> IgnoreIps { get; init; } = [];
}
