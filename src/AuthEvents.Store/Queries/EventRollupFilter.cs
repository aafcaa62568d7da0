using AuthEvents.Core.Events;

namespace AuthEvents.Store.Queries;

/// <summary>Constraints on the rollup dimensions; an empty list means any value.</summary>
internal sealed record EventRollupFilter
{
    public IReadOnlyList<EventSource> Sources { get; init; } = [];
    public IReadOnlyList<string> EventTypes { get; init; } = [];
    public IReadOnlyList<string> Milestones { get; init; } = [];
    public IReadOnlyList<Outcome> Outcomes { get; init; } = [];
    public IReadOnlyList<string> Countries { get; init; } = [];
    public IReadOnlyList<string> Authenticators { get; init; } = [];

    /// <summary>Matches no event (contradictory constraints).</summary>
    public bool MatchesNothing { get; init; }

    public static EventRollupFilter Any { get; } = new();

    public static EventRollupFilter Nothing { get; } = new() { MatchesNothing = true };

    public static EventRollupFilter ForSource(EventSource? source) => source is { } s ? new() { Sources = [s] } : Any;
}
