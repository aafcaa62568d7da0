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
    /// <summary>
    /// How far the attempt got with the funnel's own window (<see cref="Core.Journeys.FunnelProgress.Rank"/>): lets a range
    /// query pick each person's counted attempt from three integer columns.
    /// </summary>
    public int Rank { get; set; }

    /// <summary>Progress and step times, encoded by <see cref="Core.Journeys.FunnelAttemptCodec"/>.</summary>
    public byte[] Summary { get; set; } = [];

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
