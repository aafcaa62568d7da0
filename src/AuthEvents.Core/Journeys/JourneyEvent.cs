using AuthEvents.Core.Events;

namespace AuthEvents.Core.Journeys;

/// <summary>
/// One stored event as the funnel engine sees it: when, where in the journey, what it came to and why it failed.
/// The store keeps these for every event that concerns a funnel.
/// </summary>
/// <param name="EventId">The stored event's id: the last tie-break of the order, and the link to the event.</param>
/// <param name="OccurredTicks">When it happened (UTC ticks).</param>
/// <param name="Step">The catalog's step ordinal (<see cref="MilestoneCatalogEntry.Step"/>), which orders events that happened at the same time.</param>
/// <param name="Source">The provider.</param>
/// <param name="Milestone">The milestone.</param>
/// <param name="EventType">The provider's event type.</param>
/// <param name="Outcome">What it came to.</param>
/// <param name="Country">Country, when known.</param>
/// <param name="Authenticator">Authenticator, when known.</param>
/// <param name="RateLimitType">For rate-limited events, the limiter (Login.gov <c>limiter_type</c>, else the event type); otherwise null.</param>
/// <param name="ReasonCanonical">The first failure reason's canonical code, for failures.</param>
/// <param name="ReasonRaw">The first failure reason as the provider gave it (<c>field: code</c>), for failures.</param>
public sealed record JourneyEvent(
    long EventId,
    long OccurredTicks,
    int Step,
    EventSource Source,
    string Milestone,
    string EventType,
    Outcome Outcome,
    string? Country = null,
    string? Authenticator = null,
    string? RateLimitType = null,
    string? ReasonCanonical = null,
    string? ReasonRaw = null)
{
    /// <summary>Journey order: occurred time, then the catalog's step ordinal, then the event id.</summary>
    public static IComparer<JourneyEvent> Order { get; } = Comparer<JourneyEvent>.Create((a, b) =>
    {
        var c = a.OccurredTicks.CompareTo(b.OccurredTicks);
        if (c == 0)
        {
            c = a.Step.CompareTo(b.Step);
        }

        return c != 0 ? c : a.EventId.CompareTo(b.EventId);
    });

    /// <summary>True for failures and rate limits.</summary>
    public bool IsFailure => Outcome is Outcome.Failure or Outcome.RateLimited;
}
