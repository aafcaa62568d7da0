using System.Text.Json.Nodes;
using AuthEvents.Core.Events;

namespace AuthEvents.Demo.FusionAuth;

/// <summary>
/// Writes FusionAuth webhook bodies (docs/protocols/fusionauth.md, "Event body"): <c>{"event":{…}}</c> with a UUID <c>id</c>, epoch-ms
/// <c>createInstant</c>, <c>info</c> (device, IP, location), <c>linkedObjectId</c>, <c>tenantId</c> and the full
/// <c>user</c> object FusionAuth sends. Keys are in alphabetical order, as FusionAuth serializes them.
/// </summary>
internal sealed class FusionAuthWriter(Random random, DeliveryQueue queue, string tenantId)
{
    public const string ApplicationId = "3c219e58-ed0e-4b18-ad48-f4f92793ae32";

    // FusionAuth's built-in connector has this fixed id in every installation.
    public const string DefaultConnectorId = "e3306678-a53a-4964-9040-1c96f36dda72";

    public void Emit(DateTimeOffset at, string type, Persona persona, ClientOrigin origin, params ReadOnlySpan<(string Key, JsonNode? Value)> fields)
    {
        var occurred = SimulationTime.CeilTo(at, SimulationTime.Millisecond);
        var instant = SimulationTime.EpochMilliseconds(occurred);
        if (type == "user.login.success")
        {
            persona.FusionAuthLastLoginInstant = instant;
        }

        var entries = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["createInstant"] = instant,
            ["id"] = SimulationIds.UuidV4(random),
            ["info"] = Info(origin),
            ["linkedObjectId"] = persona.FusionAuthUserId,
            ["tenantId"] = tenantId,
            ["type"] = type,
            ["user"] = User(persona, instant),
        };
        foreach (var (key, value) in fields)
        {
            entries[key] = value?.Parent is null ? value : value.DeepClone();
        }

        queue.Add(EventSource.FusionAuth, occurred, new JsonObject { ["event"] = Sorted(entries) });
    }

    public static JsonObject MethodObject(FusionAuthMethod method, Persona persona)
    {
        var node = new JsonObject();
        if (method.Method == "authenticator")
        {
            node["authenticator"] = new JsonObject { ["algorithm"] = "HmacSHA1", ["codeLength"] = 6, ["timeStep"] = 30 };
        }

        if (method.Method == "email")
        {
            node["email"] = persona.Email;
        }

        node["id"] = method.Id;
        node["method"] = method.Method;
        if (method.Method == "sms")
        {
            node["mobilePhone"] = persona.Phone;
        }

        return node;
    }

    private JsonObject Info(ClientOrigin origin)
    {
        var place = origin.Place;
        return new JsonObject
        {
            ["deviceDescription"] = origin.Device.DeviceName,
            ["deviceName"] = origin.Device.DeviceName,
            ["deviceType"] = origin.Device.DeviceType,
            ["ipAddress"] = origin.Ip,
            ["location"] = new JsonObject
            {
                ["city"] = place.City,
                ["country"] = place.Country,
                ["displayString"] = place.DisplayString,
                ["latitude"] = Math.Round(place.Latitude + random.Between(-0.03, 0.03), 5),
                ["longitude"] = Math.Round(place.Longitude + random.Between(-0.03, 0.03), 5),
                ["region"] = place.Region,
                ["zipcode"] = place.Zip,
            },
            ["os"] = origin.Device.FusionAuthOs,
            ["userAgent"] = origin.Device.UserAgent,
        };
    }

    private JsonObject User(Persona persona, long now)
    {
        var lastLogin = persona.FusionAuthLastLoginInstant ??= now - random.Next(3_600_000, 1_728_000_000);
        var methods = new JsonArray();
        foreach (var method in persona.FusionAuthMethods)
        {
            methods.Add(MethodObject(method, persona));
        }

        return new JsonObject
        {
            ["active"] = true,
            ["birthDate"] = SimulationTime.IsoDate(persona.Identity.DateOfBirth),
            ["connectorId"] = DefaultConnectorId,
            ["data"] = new JsonObject { ["plan"] = persona.FusionAuthPlan, ["preferredContact"] = "email" },
            ["email"] = persona.Email,
            ["firstName"] = persona.FirstName,
            ["fullName"] = persona.FullName,
            ["id"] = persona.FusionAuthUserId,
            ["insertInstant"] = persona.FusionAuthInsertInstant,
            ["lastLoginInstant"] = lastLogin,
            ["lastName"] = persona.LastName,
            ["lastUpdateInstant"] = persona.FusionAuthPasswordUpdatedInstant,
            ["memberships"] = new JsonArray(),
            ["mobilePhone"] = persona.Phone,
            ["passwordChangeRequired"] = false,
            ["passwordLastUpdateInstant"] = persona.FusionAuthPasswordUpdatedInstant,
            ["preferredLanguages"] = new JsonArray(persona.Language),
            ["registrations"] = new JsonArray(new JsonObject
            {
                ["applicationId"] = ApplicationId,
                ["id"] = persona.FusionAuthRegistrationId,
                ["insertInstant"] = persona.FusionAuthInsertInstant + 150,
                ["lastLoginInstant"] = lastLogin,
                ["preferredLanguages"] = new JsonArray(),
                ["roles"] = new JsonArray("user"),
                ["usernameStatus"] = "ACTIVE",
                ["verified"] = true,
            }),
            ["tenantId"] = tenantId,
            ["twoFactor"] = new JsonObject { ["methods"] = methods, ["recoveryCodes"] = new JsonArray() },
            ["usernameStatus"] = "ACTIVE",
            ["verified"] = true,
        };
    }

    private static JsonObject Sorted(SortedDictionary<string, JsonNode?> entries)
    {
        var node = new JsonObject();
        foreach (var (key, value) in entries)
        {
            node[key] = value;
        }

        return node;
    }
}
