using AuthEvents.Core.Events;

namespace AuthEvents.Store.Queries;

/// <summary>
/// A whitelisted, typed filter over stored events. Pages and exports build one of these from URL state;
/// no filter string ever reaches the database as text to interpret.
/// </summary>
public sealed record EventQuery
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public IReadOnlyList<EventSource> Sources { get; init; } = [];
    public IReadOnlyList<string> Milestones { get; init; } = [];
    public IReadOnlyList<Outcome> Outcomes { get; init; } = [];
    public string? EventType { get; init; }
    public string? PersonKey { get; init; }
    public string? SessionKey { get; init; }
    public string? Ip { get; init; }
    public IReadOnlyList<string> EventTypes { get; init; } = [];
    public IReadOnlyList<string> ReasonCodes { get; init; } = [];
    public string? Country { get; init; }
    public string? Text { get; init; }

    /// <summary>Everything.</summary>
    public static EventQuery All { get; } = new();
}
