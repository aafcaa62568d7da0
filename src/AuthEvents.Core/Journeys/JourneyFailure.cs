namespace AuthEvents.Core.Journeys;

/// <summary>The latest failure of a funnel attempt: when, which event, and the reason in canonical and provider form.</summary>
/// <param name="Ticks">When it happened (UTC ticks).</param>
/// <param name="EventId">The stored event.</param>
/// <param name="EventType">The provider's event type.</param>
/// <param name="Canonical">Canonical reason (see <see cref="Events.CanonicalReasons"/>), or null when the event had none.</param>
/// <param name="Raw">The provider's reason, <c>field: code</c>, or null.</param>
public sealed record JourneyFailure(long Ticks, long EventId, string EventType, string? Canonical, string? Raw);
