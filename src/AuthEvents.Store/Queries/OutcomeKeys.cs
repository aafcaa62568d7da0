using AuthEvents.Core.Events;

namespace AuthEvents.Store.Queries;

/// <summary>The outcome names used as series keys (and in exports and URLs): <c>success</c>, <c>failure</c>, <c>rate-limited</c>, <c>info</c>.</summary>
public static class OutcomeKeys
{
    /// <summary>Every outcome in the order charts stack them.</summary>
    public static IReadOnlyList<Outcome> Order { get; } = [Outcome.Success, Outcome.Failure, Outcome.RateLimited, Outcome.Info];

    public static string Of(Outcome outcome) => outcome switch
    {
        Outcome.Success => "success",
        Outcome.Failure => "failure",
        Outcome.RateLimited => "rate-limited",
        _ => "info",
    };
}
