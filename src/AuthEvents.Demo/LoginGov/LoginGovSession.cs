using System.Text.Json.Nodes;

namespace AuthEvents.Demo.LoginGov;

/// <summary>One visit's journey at Login.gov: emits SETs at the journey's current time with the visit's common fields.</summary>
internal sealed class LoginGovSession(TrafficContext context, Journey journey, LoginGovVisit visit)
{
    public TrafficContext Context => context;
    public Random Random => context.Random;
    public Journey Journey => journey;
    public LoginGovVisit Visit => visit;

    public void Emit(string eventType, params ReadOnlySpan<(string Key, JsonNode? Value)> fields) =>
        context.LoginGov.Emit(journey.At, visit, eventType, fields);

    public static LoginGovSession ForPersona(TrafficContext context, Persona persona, DateTimeOffset start)
    {
        var origin = ClientOrigin.AtHome(context.Random, persona);
        var visit = LoginGovVisit.ForPersona(context.Random, persona, origin.Device, origin.Ip, start);
        return new LoginGovSession(context, context.StartJourney(start), visit);
    }
}
