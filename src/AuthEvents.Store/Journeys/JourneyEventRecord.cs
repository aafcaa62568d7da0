using AuthEvents.Core.Events;

namespace AuthEvents.Store.Journeys;

/// <summary>
/// A stored event as journeys see it, with the person it was resolved to (table <c>journey_events</c>): every event
/// that has an identity, narrow enough to rebuild a person's attempts and timeline without reading the events table.
/// </summary>
public sealed class JourneyEventRecord
{
    public long EventId { get; set; }
    public long PersonId { get; set; }
    public long OccurredAtTicks { get; set; }
    public int Step { get; set; }
    public EventSource Source { get; set; }
    public string Milestone { get; set; } = "";
    public string EventType { get; set; } = "";
    public Outcome Outcome { get; set; }
    public string? Country { get; set; }
    public string? Authenticator { get; set; }
    public string? RateLimitType { get; set; }
    public string? ReasonCanonical { get; set; }
    public string? ReasonRaw { get; set; }

    /// <summary>Bit per funnel of <see cref="Core.Journeys.Funnels.All"/> that the event concerns.</summary>
    public int FunnelMask { get; set; }
}
