using AuthEvents.Core.Events;
using AuthEvents.Store.Entities;
using AuthEvents.Store.Search;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Queries;

/// <summary>Applies an <see cref="EventQuery"/> to the events table, and says when the rollups can answer it instead.</summary>
internal static class EventFilter
{
    /// <summary>The events of <paramref name="db"/> (not tracked) that <paramref name="q"/> selects.</summary>
    public static IQueryable<EventRecord> Apply(AuthEventsDbContext db, EventQuery q)
    {
        var events = db.Events.AsNoTracking();
        if (q.From is { } from)
        {
            var ticks = from.UtcTicks;
            events = events.Where(e => e.OccurredAtTicks >= ticks);
        }

        if (q.To is { } to)
        {
            var ticks = to.UtcTicks;
            events = events.Where(e => e.OccurredAtTicks < ticks);
        }

        if (q.Sources.Count > 0)
        {
            var sources = q.Sources.ToList();
            events = events.Where(e => sources.Contains(e.Source));
        }

        if (q.Milestones.Count > 0)
        {
            var milestones = q.Milestones.ToList();
            events = events.Where(e => milestones.Contains(e.Milestone));
        }

        if (q.Outcomes.Count > 0)
        {
            var outcomes = q.Outcomes.ToList();
            events = events.Where(e => outcomes.Contains(e.Outcome));
        }

        if (!string.IsNullOrEmpty(q.EventType))
        {
            events = events.Where(e => e.EventType == q.EventType);
        }

        if (q.EventTypes.Count > 0)
        {
            var types = q.EventTypes.ToList();
            events = events.Where(e => types.Contains(e.EventType));
        }

        if (!string.IsNullOrEmpty(q.PersonKey))
        {
            events = events.Where(e => e.PersonKey == q.PersonKey);
        }

        if (!string.IsNullOrEmpty(q.SessionKey))
        {
            events = events.Where(e => e.SessionKey == q.SessionKey);
        }

        if (!string.IsNullOrEmpty(q.Ip))
        {
            events = events.Where(e => e.Ip == q.Ip);
        }

        if (q.Countries.Count > 0)
        {
            var countries = q.Countries.ToList();
            events = events.Where(e => e.Country != null && countries.Contains(e.Country));
        }

        if (q.Authenticators.Count > 0)
        {
            var authenticators = q.Authenticators.ToList();
            events = events.Where(e => e.Authenticator != null && authenticators.Contains(e.Authenticator));
        }

        events = ApplyReasons(events, q);
        var terms = SearchTerms.Parse(q.Text);
        if (terms.Any)
        {
            events = SearchIndex.Filter(db, events, terms, q.From is not null);
        }

        return events;
    }

    /// <summary>
    /// The query as a rollup filter when every constraint it holds is a rollup dimension (source, event type,
    /// milestone, outcome, country, authenticator) besides the time range; null when only the events table can answer it.
    /// </summary>
    public static EventRollupFilter? ToRollupFilter(EventQuery q)
    {
        if (q.PersonKey is { Length: > 0 } || q.SessionKey is { Length: > 0 } || q.Ip is { Length: > 0 }
            || q.Reasons.Count > 0 || q.ReasonCode is { Length: > 0 } || q.ReasonField is { Length: > 0 } || SearchTerms.Parse(q.Text).Any)
        {
            return null;
        }

        IReadOnlyList<string> types = q.EventTypes;
        if (q.EventType is { Length: > 0 } single)
        {
            // Both must hold: the single type, and membership in the list when there is one.
            types = types.Count == 0 || types.Contains(single, StringComparer.Ordinal) ? [single] : [];
            if (types.Count == 0)
            {
                return EventRollupFilter.Nothing;
            }
        }

        return new EventRollupFilter
        {
            Sources = q.Sources,
            EventTypes = types,
            Milestones = q.Milestones,
            Outcomes = q.Outcomes,
            Countries = q.Countries,
            Authenticators = q.Authenticators,
        };
    }

    private static IQueryable<EventRecord> ApplyReasons(IQueryable<EventRecord> events, EventQuery q)
    {
        var canonical = q.Reasons.ToList();
        var field = string.IsNullOrEmpty(q.ReasonField) ? null : q.ReasonField;
        var code = string.IsNullOrEmpty(q.ReasonCode) ? null : q.ReasonCode;
        // One EXISTS over the event's failure reasons, so that all three conditions hold for the same reason.
        return (canonical.Count > 0, field is not null, code is not null) switch
        {
            (false, false, false) => events,
            (true, false, false) => events.Where(e => e.FailureReasons.Any(r => canonical.Contains(r.Canonical))),
            (false, true, false) => events.Where(e => e.FailureReasons.Any(r => r.Field == field)),
            (false, false, true) => events.Where(e => e.FailureReasons.Any(r => r.Code == code)),
            (true, true, false) => events.Where(e => e.FailureReasons.Any(r => canonical.Contains(r.Canonical) && r.Field == field)),
            (true, false, true) => events.Where(e => e.FailureReasons.Any(r => canonical.Contains(r.Canonical) && r.Code == code)),
            (false, true, true) => events.Where(e => e.FailureReasons.Any(r => r.Field == field && r.Code == code)),
            (true, true, true) => events.Where(e => e.FailureReasons.Any(r => canonical.Contains(r.Canonical) && r.Field == field && r.Code == code)),
        };
    }
}
