using AuthEvents.Core.Events;

namespace AuthEvents.Store.Queries;

/// <summary>
/// A node of a failure breakdown. <see cref="Count"/> counts failure reasons (an event with two reasons counts under
/// both); <see cref="Share"/> is that count's part of the breakdown's total; <see cref="Trend"/> holds one count per
/// trend bucket of the breakdown. The identity properties say which source, event type, field, code and canonical
/// reason the node is narrowed to (null: not narrowed), so that <see cref="ToEventQuery"/> opens exactly its events.
/// </summary>
public sealed record FailureNode(FailureLevel Level, string Key, long Count, double Share, IReadOnlyList<long> Trend, IReadOnlyList<FailureNode> Children)
{
    public EventSource? Source { get; init; }
    public string? EventType { get; init; }
    public string? Field { get; init; }
    public string? Code { get; init; }
    public string? Canonical { get; init; }

    /// <summary>The failed or rate-limited events of <c>[from, to)</c> this node counts, as a <c>/live</c> filter.</summary>
    public EventQuery ToEventQuery(DateTimeOffset from, DateTimeOffset to) => new()
    {
        From = from,
        To = to,
        Sources = Source is { } source ? [source] : [],
        EventTypes = EventType is { } type ? [type] : [],
        Outcomes = [Outcome.Failure, Outcome.RateLimited],
        Reasons = Canonical is { } canonical ? [canonical] : [],
        ReasonField = Field,
        ReasonCode = Code,
    };
}
