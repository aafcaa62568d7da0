using System.Text.Json.Nodes;

namespace AuthEvents.Demo.Entrust;

/// <summary>
/// Entrust IDaaS: portal and application sign-ins (wrong passwords, failed second factors, registration still
/// required), accounts created by administrators, passkeys registered and passwords changed.
/// </summary>
internal static class EntrustScenarios
{
    private static readonly (string Item, double Weight)[] Resources =
    [
        (EntrustWriter.UserPortal, 40), ("Benefits Portal", 35), ("Corporate VPN", 25),
    ];

    private static readonly string[] AdminRoles = ["System Administrator", "Help Desk Administrator"];

    public static void SignIn(TrafficContext context, DateTimeOffset start)
    {
        var random = context.Random;
        var persona = context.People.EntrustUsers.Pick(random);
        var journey = context.StartJourney(start);
        SignIn(context, journey, persona, persona.HomeIp);
    }

    public static bool SignIn(TrafficContext context, Journey journey, Persona persona, string ip, bool? registrationRequired = null)
    {
        var random = context.Random;
        var resource = persona.IsEntrustAdmin && random.Chance(0.4) ? EntrustWriter.AdminPortal : random.PickWeighted(Resources);
        var wrong = random.Chance(0.08) ? random.IntBetween(1, 2) : 0;
        for (var i = 0; i < wrong; i++)
        {
            context.Entrust.Authentication(journey.At, persona, succeeded: false, resource, ip, "PASSWORD");
            journey.Think(5, 30);
        }

        var token = persona.EntrustToken;
        if (token != "PASSWORD" && random.Chance(0.05))
        {
            journey.Think(5, 30);
            context.Entrust.Authentication(journey.At, persona, succeeded: false, resource, ip, token);
            if (random.Chance(0.3))
            {
                return false;
            }

            journey.Think(5, 40);
        }
        else
        {
            journey.Think(3, 20);
        }

        registrationRequired ??= random.NextDouble() switch
        {
            < 0.03 => true,
            < 0.25 => false,
            _ => null,
        };
        context.Entrust.Authentication(journey.At, persona, succeeded: true, resource, ip, token, registrationRequired);
        if (registrationRequired == true)
        {
            RegisterPasskey(context, journey, persona, ip);
        }

        return true;
    }

    /// <summary>An administrator creates an account; the new user signs in and must register an authenticator.</summary>
    public static void UserCreated(TrafficContext context, DateTimeOffset start)
    {
        var random = context.Random;
        var admin = context.People.EntrustAdmins.Count > 0 ? random.Pick(context.People.EntrustAdmins) : context.People.EntrustUsers.Pick(random);
        var user = context.People.EntrustUsers.Pick(random);
        var journey = context.StartJourney(start);
        var attributes = new JsonObject
        {
            ["userId"] = user.EntrustUserName,
            ["firstName"] = user.FirstName,
            ["lastName"] = user.LastName,
            ["email"] = user.Email,
        };
        context.Entrust.EntityEvent(journey.At, "user.created", admin, EntrustWriter.AdminPortal, admin.HomeIp, "USERS",
            user.EntrustSubject, user.EntrustUserName, attributes, random.Pick(AdminRoles));
        if (random.Chance(0.7))
        {
            journey.Think(60, 1800);
            SignIn(context, journey, user, user.HomeIp, registrationRequired: true);
        }
    }

    public static void PasswordUpdated(TrafficContext context, DateTimeOffset start)
    {
        var random = context.Random;
        var persona = context.People.EntrustUsers.Pick(random);
        var journey = context.StartJourney(start);
        if (!SignIn(context, journey, persona, persona.HomeIp))
        {
            return;
        }

        journey.Think(20, 180);
        context.Entrust.EntityEvent(journey.At, "password.updated", persona, EntrustWriter.UserPortal, persona.HomeIp, "USERS",
            persona.EntrustSubject, persona.EntrustUserName);
    }

    private static void RegisterPasskey(TrafficContext context, Journey journey, Persona persona, string ip)
    {
        journey.Think(20, 180);
        var device = context.Random.Pick(persona.Devices);
        context.Entrust.EntityEvent(journey.At, "passkey.created", persona, EntrustWriter.UserPortal, ip, "PASSKEY",
            SimulationIds.UuidV4(context.Random), device.DeviceName + " passkey");
    }
}
