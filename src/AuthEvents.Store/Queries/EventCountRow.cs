using AuthEvents.Core.Events;

namespace AuthEvents.Store.Queries;

/// <summary>A count of events for one combination of the requested dimensions; dimensions not requested keep their defaults.</summary>
internal sealed record EventCountRow
{
    public long Bucket { get; init; }
    public EventSource Source { get; init; }
    public string EventType { get; init; } = "";
    public string Milestone { get; init; } = "";
    public Outcome Outcome { get; init; }
    public string Country { get; init; } = "";
    public string Authenticator { get; init; } = "";
    public long Count { get; init; }
}
