namespace AuthEvents.Demo.OnePassword;

/// <summary>
/// 1Password sign-in attempts: mostly <c>credentials_ok</c> or <c>mfa_ok</c>, some wrong passwords and MFA
/// failures before success, firewall blocks while travelling, SSO user mismatches and outdated clients.
/// </summary>
internal static class OnePasswordScenarios
{
    public static void SignIn(TrafficContext context, DateTimeOffset start)
    {
        var random = context.Random;
        var persona = context.People.OnePasswordUsers.Pick(random);
        var attempt = new OnePasswordAttempt(persona, ClientOrigin.AtHome(random, persona), SimulationIds.Base32Id(random));
        SignIn(context, context.StartJourney(start), attempt);
    }

    /// <summary>Wrong passwords and MFA slips, then success. Returns whether the person got in.</summary>
    public static bool SignIn(TrafficContext context, Journey journey, OnePasswordAttempt attempt)
    {
        var random = context.Random;
        var writer = context.OnePassword;
        var wrong = random.Chance(0.1) ? random.IntBetween(1, 2) : 0;
        for (var i = 0; i < wrong; i++)
        {
            writer.Emit(journey.At, attempt, "credentials_failed", "password_secret_bad");
            journey.Think(5, 25);
            if (random.Chance(0.15))
            {
                return false;
            }
        }

        // 1Password asks for the second factor on new devices and now and then on known ones.
        var mfa = attempt.Persona.OnePasswordMfa;
        if (mfa is null || !random.Chance(0.4))
        {
            writer.Emit(journey.At, attempt, "success", "credentials_ok");
            return true;
        }

        journey.Think(5, 30);
        if (random.Chance(0.07))
        {
            writer.Emit(journey.At, attempt, "mfa_failed", MfaFailure(random, mfa));
            journey.Think(5, 40);
        }

        writer.Emit(journey.At, attempt, "success", "mfa_ok");
        return true;
    }

    /// <summary>A trip abroad meets the account's country firewall rule; some then come back through a home VPN.</summary>
    public static void TravelBlocked(TrafficContext context, DateTimeOffset start)
    {
        var random = context.Random;
        var persona = context.People.OnePasswordUsers.Pick(random);
        var place = random.Pick(PlaceCatalog.Elsewhere);
        var device = random.Pick(persona.Devices);
        var abroad = new OnePasswordAttempt(persona, new ClientOrigin(device, NetworkCatalog.RoamingIp(random), place), SimulationIds.Base32Id(random));
        var journey = context.StartJourney(start);
        var blocks = random.IntBetween(1, 3);
        for (var i = 0; i < blocks; i++)
        {
            context.OnePassword.Emit(journey.At, abroad, "firewall_failed", "country_blocked", place.CountryName);
            journey.Think(10, 90);
        }

        if (random.Chance(0.3))
        {
            journey.Think(60, 600);
            var viaVpn = new OnePasswordAttempt(persona, new ClientOrigin(device, persona.HomeIp, persona.Home), SimulationIds.Base32Id(random));
            context.OnePassword.Emit(journey.At, viaVpn, "success", "credentials_ok");
        }
    }

    public static void SsoMismatch(TrafficContext context, DateTimeOffset start)
    {
        var random = context.Random;
        var persona = context.People.OnePasswordUsers.Pick(random);
        var attempt = new OnePasswordAttempt(persona, ClientOrigin.AtHome(random, persona), SimulationIds.Base32Id(random));
        var journey = context.StartJourney(start);
        context.OnePassword.Emit(journey.At, attempt, "sso_failed", "sso_user_mismatch");
        if (random.Chance(0.7))
        {
            journey.Think(20, 120);
            context.OnePassword.Emit(journey.At, attempt with { SessionUuid = SimulationIds.Base32Id(random) }, "success", "federated");
        }
    }

    public static void OutdatedClient(TrafficContext context, DateTimeOffset start)
    {
        var random = context.Random;
        var persona = context.People.OnePasswordUsers.Pick(random);
        var origin = ClientOrigin.AtHome(random, persona);
        var old = new OnePasswordAttempt(persona, origin, SimulationIds.Base32Id(random), AppVersion: "70" + SimulationIds.Digits(random, 4));
        var journey = context.StartJourney(start);
        context.OnePassword.Emit(journey.At, old, "modern_version_failed", "modern_version_old");
        if (random.Chance(0.6))
        {
            journey.Think(120, 900);
            SignIn(context, journey, new OnePasswordAttempt(persona, origin, SimulationIds.Base32Id(random)));
        }
    }

    public static string MfaFailure(Random random, string mfa) => mfa switch
    {
        "totp" => "totp_bad",
        "duo" => random.Chance(0.6) ? "duo_timeout" : "duo_bad",
        _ => random.Chance(0.7) ? "u2f_bad" : "u2f_timeout",
    };
}
