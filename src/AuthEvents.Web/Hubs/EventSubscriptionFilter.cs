using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using AuthEvents.Web.State;
using Microsoft.AspNetCore.SignalR;

namespace AuthEvents.Web.Hubs;

/// <summary>
/// What an external client of <c>/hubs/events</c> wants: sources (<c>LoginGov</c>, <c>OnePassword</c>, <c>Entrust</c>,
/// <c>FusionAuth</c>), milestones (e.g. <c>mfa.verify</c>) and outcomes (<c>success</c>, <c>failure</c>, <c>rate-limited</c>,
/// <c>info</c>). An empty or missing list means everything.
/// </summary>
public sealed record EventSubscriptionFilter(IReadOnlyList<string>? Sources, IReadOnlyList<string>? Milestones, IReadOnlyList<string>? Outcomes)
{
    /// <summary>The typed form; an unknown source or outcome is a <see cref="HubException"/> the client sees, never silently ignored.</summary>
    public EventSubscription Parse()
    {
        var sources = new HashSet<EventSource>();
        foreach (var value in Sources ?? [])
        {
            if (!Enum.TryParse<EventSource>(value, ignoreCase: true, out var source) || !Enum.IsDefined(source) || value.Length == 0 || char.IsAsciiDigit(value[0]))
            {
                throw new HubException($"unknown source '{value}' (expected one of {string.Join(", ", Enum.GetNames<EventSource>())})");
            }

            sources.Add(source);
        }

        var outcomes = new HashSet<Outcome>();
        foreach (var value in Outcomes ?? [])
        {
            if (!OutcomeNames.TryParse(value, out var outcome))
            {
                throw new HubException($"unknown outcome '{value}' (expected one of success, failure, rate-limited, info)");
            }

            outcomes.Add(outcome);
        }

        return new EventSubscription(sources, (Milestones ?? []).ToHashSet(StringComparer.Ordinal), outcomes);
    }
}
