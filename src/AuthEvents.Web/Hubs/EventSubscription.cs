using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;

namespace AuthEvents.Web.Hubs;

/// <summary>A parsed hub subscription; an empty set matches every value.</summary>
public sealed record EventSubscription(IReadOnlySet<EventSource> Sources, IReadOnlySet<string> Milestones, IReadOnlySet<Outcome> Outcomes)
{
    public bool Matches(HubEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (Sources.Count == 0 || Sources.Contains(e.Source))
            && (Milestones.Count == 0 || Milestones.Contains(e.Milestone))
            && (Outcomes.Count == 0 || Outcomes.Contains(e.Outcome));
    }
}
