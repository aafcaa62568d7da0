using AuthEvents.Core.Events;

namespace AuthEvents.Core.Journeys;

/// <summary>What the person flags need of one event.</summary>
/// <param name="EventId">The stored event.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Source">The provider.</param>
/// <param name="EventType">The provider's event type.</param>
/// <param name="Outcome">What it came to.</param>
/// <param name="Country">Country, when reported.</param>
/// <param name="City">City, when reported.</param>
/// <param name="Latitude">Latitude, when reported.</param>
/// <param name="Longitude">Longitude, when reported.</param>
public sealed record PersonEvent(
    long EventId,
    DateTimeOffset OccurredAt,
    EventSource Source,
    string EventType,
    Outcome Outcome,
    string? Country = null,
    string? City = null,
    double? Latitude = null,
    double? Longitude = null);
