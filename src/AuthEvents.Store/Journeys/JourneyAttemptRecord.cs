using AuthEvents.Core.Events;

namespace AuthEvents.Store.Journeys;

/// <summary>
/// One person's attempt at one funnel (table <c>journey_attempts</c>, clustered by funnel and start time so a range
/// reads contiguously). Maintained with the events it is built from; see <see cref="Core.Journeys.FunnelAttempt"/>.
/// </summary>
public sealed class JourneyAttemptRecord
{
    public string Funnel { get; set; } = "";
    public long StartTicks { get; set; }
    public long PersonId { get; set; }
    public int Branch { get; set; }

    /// <summary>Main steps' first-reached times, 8 bytes each (little-endian UTC ticks, 0 = not reached).</summary>
    public byte[] StepTicks { get; set; } = [];

    /// <summary>The taken branch's step times, encoded like <see cref="StepTicks"/>.</summary>
    public byte[] BranchTicks { get; set; } = [];

    public int ImpliedMask { get; set; }
    public int UnmeasuredMask { get; set; }
    public long CompletedTicks { get; set; }
    public long DeadlineTicks { get; set; }
    public long LastEventTicks { get; set; }
    public EventSource Source { get; set; }
    public string? Country { get; set; }
    public string? Authenticator { get; set; }
    public string? RateLimitType { get; set; }
    public int Failures { get; set; }
    public long? LastFailureTicks { get; set; }
    public long? LastFailureEventId { get; set; }
    public string? LastFailureType { get; set; }
    public string? LastFailureCanonical { get; set; }
    public string? LastFailureRaw { get; set; }
}
