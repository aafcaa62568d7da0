using AuthEvents.Core.Events;

namespace AuthEvents.Store.Entities;

/// <summary>
/// Events counted per bucket (table <c>event_rollups</c>), maintained in the transaction that stores the events.
/// Every stored event is counted once per <see cref="RollupGrain"/>. Unknown country and authenticator are stored as
/// the empty string so that they take part in the key.
/// </summary>
public sealed class EventRollupRecord
{
    public RollupGrain Grain { get; set; }

    /// <summary>UTC ticks of the bucket start, a whole multiple of the grain.</summary>
    public long BucketTicks { get; set; }
    public EventSource Source { get; set; }
    public string EventType { get; set; } = "";
    public string Milestone { get; set; } = "";
    public Outcome Outcome { get; set; }
    public string Country { get; set; } = "";
    public string Authenticator { get; set; } = "";
    public bool IsDemo { get; set; }
    public long Count { get; set; }
}
