using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuthEvents.Core.Events;
using AuthEvents.Demo.LoginGov;

namespace AuthEvents.Demo.Simulation;

/// <summary>
/// Turns a payload into JSON text and, at the configured share, damages it the way real feeds break: truncated
/// bodies, a missing id, a string where a numeric time belongs, a Login.gov SET with two events. Now and then it
/// also adds a field no normalizer knows yet, which is not a defect and must be kept.
/// </summary>
internal sealed class PayloadDefects(Random random, double malformedShare)
{
    private const double UnknownFieldShare = 0.01;

    // Provider payloads carry raw UTF-8 and apostrophes, not \u escapes.
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public (string Json, bool Malformed) Render(EventSource source, JsonObject payload)
    {
        if (malformedShare > 0 && random.Chance(malformedShare))
        {
            return (Damage(source, payload), true);
        }

        if (random.Chance(UnknownFieldShare))
        {
            AddUnknownField(source, payload);
        }

        return (payload.ToJsonString(JsonOptions), false);
    }

    private string Damage(EventSource source, JsonObject payload)
    {
        var kinds = source switch
        {
            EventSource.LoginGov => 4,
            EventSource.FusionAuth => 3,
            _ => 2,
        };
        switch (random.Next(kinds))
        {
            case 0:
                var json = payload.ToJsonString(JsonOptions);
                return json[..random.Next(json.Length / 3, json.Length - 1)];
            case 1:
                RemoveId(source, payload);
                break;
            case 2 when source == EventSource.LoginGov:
                var data = LoginGovData(payload);
                data["occurred_at"] = data["occurred_at"]!.GetValue<double>().ToString("R", CultureInfo.InvariantCulture);
                break;
            case 2:
                var fusionEvent = payload["event"]!.AsObject();
                var instant = DateTimeOffset.FromUnixTimeMilliseconds(fusionEvent["createInstant"]!.GetValue<long>());
                fusionEvent["createInstant"] = SimulationTime.Rfc3339Milliseconds(instant);
                break;
            default:
                var events = payload["events"]!.AsObject();
                var second = events.First().Key.EndsWith("/login-completed", StringComparison.Ordinal) ? "session-timeout" : "login-completed";
                events[LoginGovWriter.EventTypePrefix + second] = LoginGovData(payload).DeepClone();
                break;
        }

        return payload.ToJsonString(JsonOptions);
    }

    private static void RemoveId(EventSource source, JsonObject payload)
    {
        switch (source)
        {
            case EventSource.LoginGov: payload.Remove("jti"); break;
            case EventSource.OnePassword: payload.Remove("uuid"); break;
            case EventSource.Entrust: payload.Remove("id"); break;
            default: payload["event"]!.AsObject().Remove("id"); break;
        }
    }

    private void AddUnknownField(EventSource source, JsonObject payload)
    {
        switch (source)
        {
            case EventSource.LoginGov: LoginGovData(payload)["sp_request_id"] = SimulationIds.UuidV4(random); break;
            case EventSource.OnePassword: payload["auth_flow"] = new JsonObject { ["name"] = "unlock", ["step"] = 2 }; break;
            case EventSource.Entrust: payload["specVersion"] = "1.1"; break;
            default: payload["event"]!.AsObject()["correlationId"] = SimulationIds.UuidV4(random); break;
        }
    }

    private static JsonObject LoginGovData(JsonObject set) => set["events"]!.AsObject().First().Value!.AsObject();
}
