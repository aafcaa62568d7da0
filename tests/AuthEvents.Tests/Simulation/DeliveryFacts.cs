using System.Globalization;
using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Demo.Simulation;

namespace AuthEvents.Tests.Simulation;

/// <summary>What a test needs from one well-formed payload: its id, event type, time and event data.</summary>
internal sealed record DeliveryFacts(EventSource Source, string Id, string Type, DateTimeOffset Time, JsonElement Data, JsonElement Root)
{
    public const string LoginGovPrefix = "https://schemas.login.gov/secevent/attempts-api/event-type/";

    /// <summary>Reads a payload by the provider's documented shape; throws when it does not have it.</summary>
    public static DeliveryFacts Read(SimulatedDelivery delivery)
    {
        using var document = JsonDocument.Parse(delivery.Payload);
        var root = document.RootElement.Clone();
        switch (delivery.Source)
        {
            case EventSource.LoginGov:
                var events = root.GetProperty("events").EnumerateObject().ToArray();
                Assert.Single(events);
                var data = events[0].Value;
                var seconds = data.GetProperty("occurred_at").GetDecimal();
                var time = DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
                return new(delivery.Source, root.GetProperty("jti").GetString()!, events[0].Name[LoginGovPrefix.Length..], time, data, root);
            case EventSource.OnePassword:
                return new(delivery.Source, root.GetProperty("uuid").GetString()!,
                    root.GetProperty("category").GetString() + "/" + root.GetProperty("type").GetString(),
                    Parse(root.GetProperty("timestamp").GetString()!), root, root);
            case EventSource.Entrust:
                return new(delivery.Source, root.GetProperty("id").GetString()!, root.GetProperty("type").GetString()!,
                    Parse(root.GetProperty("eventTime").GetString()!), root.GetProperty("data"), root);
            default:
                var body = root.GetProperty("event");
                return new(delivery.Source, body.GetProperty("id").GetString()!, body.GetProperty("type").GetString()!,
                    DateTimeOffset.FromUnixTimeMilliseconds(body.GetProperty("createInstant").GetInt64()), body, root);
        }
    }

    public string? Text(string name) =>
        Data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public bool? Success => Data.TryGetProperty("success", out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
        ? value.GetBoolean()
        : null;

    /// <summary>Login.gov's SP-supplied session id, which ties the steps of one visit together.</summary>
    public string? SessionId => Data.GetProperty("subject").GetProperty("session_id").GetString();

    private static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
}
