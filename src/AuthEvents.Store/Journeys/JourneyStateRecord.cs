namespace AuthEvents.Store.Journeys;

/// <summary>A setting of the journey index (table <c>journey_state</c>), such as the funnel fingerprint it was built with.</summary>
public sealed class JourneyStateRecord
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}
