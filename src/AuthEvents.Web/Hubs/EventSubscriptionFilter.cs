using AuthEvents.Store.Queries;
using AuthEvents.Web.Navigation;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Primitives;

namespace AuthEvents.Web.Hubs;

/// <summary>
/// What an external client of <c>/hubs/events</c> wants: sources (<c>LoginGov</c>, <c>OnePassword</c>, <c>Entrust</c>,
/// <c>FusionAuth</c>), milestones (e.g. <c>mfa.verify</c>) and outcomes (<c>success</c>, <c>failure</c>, <c>rate-limited</c>,
/// <c>info</c>). An empty or missing list means everything.
/// </summary>
public sealed record EventSubscriptionFilter(IReadOnlyList<string>? Sources, IReadOnlyList<string>? Milestones, IReadOnlyList<string>? Outcomes)
{
    /// <summary>
    /// The typed form, read by the pages' <see cref="FilterCodec"/> in its strict mode; an unknown source or outcome is a
    /// <see cref="HubException"/> the client sees, never silently ignored.
    /// </summary>
    public EventSubscription Parse()
    {
        var query = new Dictionary<string, StringValues>(StringComparer.Ordinal)
        {
            ["source"] = new((Sources ?? []).Select(s => s ?? "").ToArray()),
            ["milestone"] = new((Milestones ?? []).Select(s => s ?? "").ToArray()),
            ["outcome"] = new((Outcomes ?? []).Select(s => s ?? "").ToArray()),
        };
        if (!FilterCodec.TryReadSelection(query, CodecMode.Strict, out var selection, out var error))
        {
            throw new HubException(error);
        }

        return new EventSubscription(selection.Sources.ToHashSet(), selection.Milestones.ToHashSet(StringComparer.Ordinal), selection.Outcomes.ToHashSet());
    }
}
