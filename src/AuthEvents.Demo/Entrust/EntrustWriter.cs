using System.Text.Json.Nodes;
using AuthEvents.Core.Events;

namespace AuthEvents.Demo.Entrust;

/// <summary>
/// Writes Entrust IDaaS webhook envelopes (docs/protocols/entrust.md, "Envelope"): a UUIDv7 <c>id</c> taken from the event time,
/// <c>type</c>, <c>accountId</c>, an ISO 8601 <c>eventTime</c> (whole seconds, sometimes with <c>.000</c>) and
/// <c>data</c>.
/// </summary>
internal sealed class EntrustWriter(Random random, DeliveryQueue queue, string accountId)
{
    public const string UserPortal = "User Portal";
    public const string AdminPortal = "Administration Portal";

    public void Authentication(DateTimeOffset at, Persona persona, bool succeeded, string resourceName, string ip, string token, bool? registrationRequired = null)
    {
        var data = new JsonObject
        {
            ["subject"] = persona.EntrustSubject,
            ["subjectName"] = persona.EntrustUserName,
            ["subjectType"] = "USER",
            ["resourceName"] = resourceName,
            ["sourceIp"] = ip,
            ["token"] = token,
        };
        if (succeeded && registrationRequired is not null)
        {
            data["entityAttributes"] = new JsonObject { ["registrationRequired"] = registrationRequired };
        }

        Emit(at, succeeded ? "authentication.succeeded" : "authentication.failed", data);
    }

    /// <summary>An event a user or administrator caused on an entity (a user, a passkey, a password).</summary>
    public void EntityEvent(DateTimeOffset at, string type, Persona actor, string resourceName, string ip, string entityType,
        string entityId, string entityName, JsonObject? entityAttributes = null, string? adminRole = null)
    {
        var data = new JsonObject
        {
            ["subject"] = actor.EntrustSubject,
            ["subjectName"] = actor.EntrustUserName,
            ["subjectType"] = "USER",
            ["resourceName"] = resourceName,
            ["sourceIp"] = ip,
        };
        if (adminRole is not null)
        {
            data["subscriberAdminRoleName"] = adminRole;
        }

        data["entityType"] = entityType;
        data["entityId"] = entityId;
        data["entityName"] = entityName;
        if (entityAttributes is not null)
        {
            data["entityAttributes"] = entityAttributes;
        }

        Emit(at, type, data);
    }

    private void Emit(DateTimeOffset at, string type, JsonObject data)
    {
        var occurred = SimulationTime.CeilTo(at, SimulationTime.Second);
        var eventTime = SimulationTime.Iso8601Seconds(occurred);
        var envelope = new JsonObject
        {
            ["id"] = SimulationIds.UuidV7(random, occurred),
            ["type"] = type,
            ["accountId"] = accountId,
            ["eventTime"] = random.Chance(0.2) ? eventTime.Replace("Z", ".000Z", StringComparison.Ordinal) : eventTime,
            ["data"] = data,
        };
        queue.Add(EventSource.Entrust, occurred, envelope);
    }
}
