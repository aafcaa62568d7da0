using AuthEvents.Core.Events;

namespace AuthEvents.Store.Entities;

/// <summary>Failure reasons counted per bucket (table <c>reason_rollups</c>): one count per stored failure-reason row.</summary>
public sealed class ReasonRollupRecord
{
    public RollupGrain Grain { get; set; }

    /// <summary>UTC ticks of the bucket start, a whole multiple of the grain.</summary>
    public long BucketTicks { get; set; }
    public EventSource Source { get; set; }
    public string EventType { get; set; } = "";
    public string Field { get; set; } = "";
    public string Code { get; set; } = "";
    public string Canonical { get; set; } = "";
    public long Count { get; set; }
}
