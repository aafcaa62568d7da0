namespace AuthEvents.Demo.Simulation;

/// <summary>Settings of the built-in demo traffic generator that runs when no provider is configured.</summary>
public sealed class DemoTrafficOptions
{
    /// <summary>Seed of the generator's only random source; the same seed and calls give the same payloads.</summary>
    public int Seed { get; set; } = 20_250_301;

    /// <summary>Average number of deliveries per simulated second, across all providers. Default 4.</summary>
    public double EventsPerSecond { get; set; } = 4;

    /// <summary>Number of synthetic people who use the four providers. Default 250.</summary>
    public int People { get; set; } = 250;

    /// <summary>Share of deliveries that are deliberately malformed, between 0 and 1. Default 0.005.</summary>
    public double MalformedShare { get; set; } = 0.005;

    /// <summary>The <c>aud</c> of the simulated Login.gov SETs: the agency's SP issuer.</summary>
    public string LoginGovAudience { get; set; } = "urn:gov:gsa:openidconnect.profiles:sp:sso:agency:demo-app";

    /// <summary>
    /// The <c>iss</c> of the simulated Login.gov SETs: the transmitter's root URL with a trailing slash, as Login.gov
    /// writes it. Default production Login.gov; a simulated transmitter on another host names that host.
    /// </summary>
    public string LoginGovIssuer { get; set; } = "https://secure.login.gov/";

    /// <summary>The <c>accountId</c> of the simulated Entrust IDaaS tenant.</summary>
    public string EntrustAccountId { get; set; } = "0d6f1c52-3b8e-4a47-9f21-6c5e8b7a2d10";

    /// <summary>The <c>tenantId</c> of the simulated FusionAuth tenant.</summary>
    public string FusionAuthTenantId { get; set; } = "7a3c9e14-52d8-4f6b-b1a0-e49c2d7f3a85";
}
