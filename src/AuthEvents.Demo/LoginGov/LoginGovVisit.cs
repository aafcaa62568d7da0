using System.Globalization;
using System.Text.Json.Nodes;

namespace AuthEvents.Demo.LoginGov;

/// <summary>
/// One browser session at the agency's Login.gov integration: what every SET of that session repeats in its
/// common fields (session ids, device cookie, IP, user agent, locale).
/// </summary>
internal sealed class LoginGovVisit
{
    public const string ApplicationUrl = "https://benefits.example.com/auth/logingov/callback";

    private string? _gaClientId;
    private long _gaFirstSeen;
    private int _gaSessions;

    public required string UserAgent { get; init; }
    public required string DeviceId { get; init; }
    public required string Ip { get; init; }
    public required string SessionId { get; init; }
    public required string UniqueSessionId { get; init; }
    public required string Language { get; init; }
    public required string ClientPort { get; init; }
    public required string AwsRegion { get; init; }

    /// <summary>The agency-specific pairwise id; null until the person is known to Login.gov and has consented.</summary>
    public string? UserUuid { get; set; }

    public Persona? Persona { get; init; }

    public static LoginGovVisit ForPersona(Random random, Persona persona, PersonaDevice device, string ip, DateTimeOffset at) =>
        Create(random, device, ip, persona.Language, persona, at);

    /// <summary>A visitor who is not (or not yet) a known user: a bot, or an e-mail typed from a list.</summary>
    public static LoginGovVisit ForStranger(Random random, PersonaDevice device, string ip, DateTimeOffset at) =>
        Create(random, device, ip, "en", persona: null, at);

    public JsonObject? GoogleAnalyticsCookies(DateTimeOffset at)
    {
        if (_gaClientId is null)
        {
            return null;
        }

        var now = at.ToUnixTimeSeconds();
        return new JsonObject
        {
            ["_ga"] = string.Create(CultureInfo.InvariantCulture, $"GA1.1.{_gaClientId}.{_gaFirstSeen}"),
            ["_ga_DEMO4LG0V1"] = string.Create(CultureInfo.InvariantCulture, $"GS2.1.s{now - 40}$o{_gaSessions}$g1$t{now}$j0$l0$h0"),
        };
    }

    private static LoginGovVisit Create(Random random, PersonaDevice device, string ip, string language, Persona? persona, DateTimeOffset at)
    {
        var visit = new LoginGovVisit
        {
            UserAgent = device.UserAgent,
            DeviceId = persona is null ? SimulationIds.Hex(random, 64) : device.LoginGovDeviceId,
            Ip = ip,
            SessionId = SimulationIds.UuidV4(random),
            UniqueSessionId = SimulationIds.Hex(random, 20),
            Language = language,
            ClientPort = NetworkCatalog.ClientPort(random),
            AwsRegion = random.Chance(0.7) ? "us-west-2" : "us-east-1",
            Persona = persona,
        };

        // Only some visitors accepted analytics cookies.
        if (persona is not null && random.Chance(0.35))
        {
            visit._gaClientId = SimulationIds.Digits(random, 10);
            visit._gaFirstSeen = at.ToUnixTimeSeconds() - random.Next(86_400, 86_400 * 400);
            visit._gaSessions = random.IntBetween(2, 40);
        }

        return visit;
    }
}
