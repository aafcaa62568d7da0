using System.Text.Json.Nodes;

namespace AuthEvents.Demo.FusionAuth;

/// <summary>
/// FusionAuth: logins (bad passwords, two-factor challenges answered or missed, new devices), two-factor
/// methods added, password resets, and the odd identity-provider link no normalizer knows yet.
/// </summary>
internal static class FusionAuthScenarios
{
    private const string GoogleIdentityProviderId = "82339786-3dff-42a6-aac6-1f1ceecb6c46";

    public static void Login(TrafficContext context, DateTimeOffset start)
    {
        var random = context.Random;
        var persona = context.People.FusionAuthUsers.Pick(random);
        Login(context, context.StartJourney(start), persona, ClientOrigin.AtHome(random, persona));
    }

    public static bool Login(TrafficContext context, Journey journey, Persona persona, ClientOrigin origin, string clientRisk = "LOW")
    {
        var random = context.Random;
        var writer = context.FusionAuth;
        var wrong = random.Chance(0.1) ? random.IntBetween(1, 2) : 0;
        for (var i = 0; i < wrong; i++)
        {
            writer.Emit(journey.At, "user.login.failed", persona, origin, ("applicationId", FusionAuthWriter.ApplicationId),
                ("authenticationType", "PASSWORD"), ("reason", new JsonObject { ["code"] = "credentials" }));
            journey.Think(4, 25);
            if (random.Chance(0.15))
            {
                return false;
            }
        }

        var authenticationType = random.PickWeighted<string>([("PASSWORD", 80), ("WebAuthn", 8), ("GOOGLE", 7), ("PASSWORDLESS", 5)]);
        if (authenticationType == "PASSWORD" && persona.FusionAuthMethods.Count > 0)
        {
            if (clientRisk == "LOW")
            {
                clientRisk = random.PickWeighted<string>([("LOW", 80), ("MEDIUM", 17), ("HIGH", 3)]);
            }

            if (!TwoFactor(context, journey, persona, origin, clientRisk))
            {
                return false;
            }
        }

        journey.Wait(0.1, 0.6);
        writer.Emit(journey.At, "user.login.success", persona, origin, [.. LoginFields(authenticationType), ("ipAddress", origin.Ip)]);
        if (random.Chance(0.06))
        {
            writer.Emit(journey.At, "user.login.new-device", persona, origin, LoginFields(authenticationType));
        }

        return true;
    }

    public static void AddMethod(TrafficContext context, DateTimeOffset start)
    {
        var random = context.Random;
        var persona = context.People.FusionAuthUsers.Pick(random);
        var origin = ClientOrigin.AtHome(random, persona);
        var journey = context.StartJourney(start);
        if (!Login(context, journey, persona, origin))
        {
            return;
        }

        // Nobody keeps more than three methods, so a long-running demo does not grow user objects without bound.
        if (persona.FusionAuthMethods.Count >= 3)
        {
            return;
        }

        journey.Think(20, 240);
        var kind = persona.FusionAuthMethods.Count == 0 ? "authenticator" : random.Chance(0.5) ? "sms" : "email";
        var method = new FusionAuthMethod(SimulationIds.ShortBase32(random, 4), kind);
        persona.FusionAuthMethods = [.. persona.FusionAuthMethods, method];
        context.FusionAuth.Emit(journey.At, "user.two-factor.method.add", persona, origin, ("method", FusionAuthWriter.MethodObject(method, persona)));
    }

    public static void PasswordReset(TrafficContext context, DateTimeOffset start)
    {
        var random = context.Random;
        var writer = context.FusionAuth;
        var persona = context.People.FusionAuthUsers.Pick(random);
        var origin = ClientOrigin.AtHome(random, persona);
        var journey = context.StartJourney(start);
        writer.Emit(journey.At, "user.password.reset.send", persona, origin);
        if (random.Chance(0.12))
        {
            return;
        }

        journey.Think(20, 600);
        writer.Emit(journey.At, "user.password.reset.start", persona, origin);
        journey.Think(10, 60);
        persona.FusionAuthPasswordUpdatedInstant = SimulationTime.EpochMilliseconds(journey.At);
        writer.Emit(journey.At, "user.password.reset.success", persona, origin, ("applicationId", FusionAuthWriter.ApplicationId));
        journey.Wait(0.3, 1);
        writer.Emit(journey.At, "user.login.success", persona, origin, [.. LoginFields("PASSWORD"), ("ipAddress", origin.Ip)]);
    }

    /// <summary>An event type outside the normalizers' catalogue: it must be kept as an open string.</summary>
    public static void IdentityProviderLink(TrafficContext context, DateTimeOffset start)
    {
        var random = context.Random;
        var persona = context.People.FusionAuthUsers.Pick(random);
        var origin = ClientOrigin.AtHome(random, persona);
        var journey = context.StartJourney(start);
        var instant = SimulationTime.EpochMilliseconds(journey.At);
        var link = new JsonObject
        {
            ["displayName"] = persona.Email,
            ["identityProviderId"] = GoogleIdentityProviderId,
            ["identityProviderName"] = "Google",
            ["identityProviderType"] = "Google",
            ["identityProviderUserId"] = "1" + SimulationIds.Digits(random, 20),
            ["insertInstant"] = instant,
            ["lastLoginInstant"] = instant,
            ["tenantId"] = context.Options.FusionAuthTenantId,
            ["userId"] = persona.FusionAuthUserId,
        };
        context.FusionAuth.Emit(journey.At, "user.identity-provider.link", persona, origin, ("identityProviderLink", link));
        journey.Wait(0.2, 1);
        context.FusionAuth.Emit(journey.At, "user.login.success", persona, origin, [.. LoginFields("GOOGLE"), ("ipAddress", origin.Ip)]);
    }

    /// <summary>The challenge, a few missed codes, then the answer. Returns false when the person gives up.</summary>
    public static bool TwoFactor(TrafficContext context, Journey journey, Persona persona, ClientOrigin origin, string clientRisk, int misses = -1)
    {
        var random = context.Random;
        var writer = context.FusionAuth;
        var method = persona.FusionAuthMethods[0].Method;
        string? messageType = method == "sms" ? (random.Chance(0.85) ? "SMS" : "Voice") : null;
        journey.Wait(0.2, 1);
        writer.Emit(journey.At, "user.two-factor.challenge", persona, origin, ("applicationId", FusionAuthWriter.ApplicationId), ("clientRisk", clientRisk));
        if (misses < 0 && random.Chance(0.03))
        {
            return false;
        }

        misses = misses >= 0 ? misses : random.Chance(0.08) ? random.IntBetween(1, 2) : 0;
        for (var i = 0; i < misses; i++)
        {
            journey.Think(8, 50);
            writer.Emit(journey.At, "user.two-factor.failed.attempt", persona, origin, TwoFactorFields(clientRisk, method, messageType));
        }

        if (misses >= 5)
        {
            return false;
        }

        journey.Think(8, 50);
        var used = random.Chance(0.02) ? "recoveryCode" : method;
        writer.Emit(journey.At, "user.two-factor.success", persona, origin, TwoFactorFields(clientRisk, used, used == method ? messageType : null));
        return true;
    }

    private static (string Key, JsonNode? Value)[] TwoFactorFields(string clientRisk, string method, string? messageType) => messageType is null
        ? [("applicationId", FusionAuthWriter.ApplicationId), ("clientRisk", clientRisk), ("method", method)]
        : [("applicationId", FusionAuthWriter.ApplicationId), ("clientRisk", clientRisk), ("messageType", messageType), ("method", method)];

    private static (string Key, JsonNode? Value)[] LoginFields(string authenticationType) => authenticationType == "GOOGLE"
        ?
        [
            ("applicationId", FusionAuthWriter.ApplicationId), ("authenticationType", authenticationType),
            ("connectorId", FusionAuthWriter.DefaultConnectorId), ("identityProviderId", GoogleIdentityProviderId),
            ("identityProviderName", "Google"),
        ]
        :
        [
            ("applicationId", FusionAuthWriter.ApplicationId), ("authenticationType", authenticationType),
            ("connectorId", FusionAuthWriter.DefaultConnectorId),
        ];
}
