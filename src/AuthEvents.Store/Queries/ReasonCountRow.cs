using AuthEvents.Core.Events;

namespace AuthEvents.Store.Queries;

/// <summary>A count of failure reasons for one combination of the requested dimensions; the others keep their defaults.</summary>
internal sealed record ReasonCountRow
{
    public long Bucket { get; init; }
    public EventSource Source { get; init; }
    public string EventType { get; init; } = "";
    public string Field { get; init; } = "";
    public string Code { get; init; } = "";
    public string Canonical { get; init; } = "";
    public long Count { get; init; }
}
