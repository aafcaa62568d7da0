using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using AuthEvents.Store.Journeys;
using AuthEvents.Web.Hosting;
using AuthEvents.Web.State;

namespace AuthEvents.Web.Journeys;

/// <summary>
/// One session as plain data: its events in order with the time between them, where it stopped (last milestone,
/// and the step not reached in each funnel it touched), the person's events around it, and pivots. Times are written
/// in <see cref="Zone"/> (the viewer's, or UTC).
/// </summary>
public sealed class SessionViewModel
{
    public SessionViewModel(SessionJourney session, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(zone);
        Session = session;
        Zone = zone;
        var events = session.Events;
        Steps = events.Select((e, i) => new SessionStepLine(e, i == 0 ? "" : "+" + JourneyFormat.Duration(e.OccurredAt - events[i - 1].OccurredAt), PersonViewModel.Reasons(e))).ToList();
        LastReached = events.LastOrDefault(e => e.Outcome is Outcome.Success or Outcome.Info && e.Milestone != Milestones.Other);
        Funnels = Core.Journeys.Funnels.All
            .Where(f => session.JourneyEvents.Any(e => f.Concerns(e.Milestone, e.EventType)))
            .Select(f => (Funnel: f, Attempt: FunnelAttemptBuilder.Build(f, session.JourneyEvents) is { Count: > 0 } attempts ? attempts[^1] : null))
            .Where(x => x.Attempt is not null)
            .Select(x => FunnelLine(x.Funnel, x.Attempt!))
            .ToList();
        Pivots = session.Pivots.Select(p => Pivot(p, zone)).ToList();
    }

    public SessionJourney Session { get; }

    /// <summary>The zone every time is written in.</summary>
    public TimeZoneInfo Zone { get; }

    public IReadOnlyList<SessionStepLine> Steps { get; }

    /// <summary>The last event that reached a milestone (success or info), or null.</summary>
    public TimelineEvent? LastReached { get; }

    public IReadOnlyList<SessionFunnelLine> Funnels { get; }

    public IReadOnlyList<PivotLine> Pivots { get; }

    public string Title => "Session " + JourneyFormat.Abbreviate(Session.Key, 20);

    public string Sources => string.Join(", ", Session.Events.Select(e => e.Source).Distinct().Select(SourceNames.Display));

    public string Span
    {
        get
        {
            var first = Session.Events[0].OccurredAt;
            var last = Session.Events[^1].OccurredAt;
            return first == last ? JourneyFormat.Time(first, Zone) : $"{JourneyFormat.Span(first, last, Zone)} · {JourneyFormat.Duration(last - first)}";
        }
    }

    public int Failures => Session.Events.Count(e => e.Outcome is Outcome.Failure or Outcome.RateLimited);

    private static SessionFunnelLine FunnelLine(FunnelDefinition funnel, FunnelAttempt attempt)
    {
        if (attempt.Completed)
        {
            return new SessionFunnelLine(funnel.Title, funnel.Steps[^1].Label, "completed", true);
        }

        if (attempt.Branch >= 0)
        {
            var branch = funnel.Branches[attempt.Branch];
            var reached = attempt.BranchReached;
            return new SessionFunnelLine(funnel.Title, branch.Steps[reached - 1].Label + " (" + branch.Label.ToLowerInvariant() + ")",
                reached < branch.Steps.Count ? branch.Steps[reached].Label : funnel.Steps[^1].Label, false);
        }

        var main = attempt.MainReached;
        return new SessionFunnelLine(funnel.Title, funnel.Steps[main - 1].Label, funnel.Steps[Math.Min(main, funnel.LastStep)].Label, false);
    }

    private static PivotLine Pivot(PivotRow row, TimeZoneInfo zone) => new(
        row.Kind switch { PivotKind.Ip => "IP address", PivotKind.Device => "Device", _ => "Phone (keyed hash)" },
        row.Kind == PivotKind.Ip ? row.Value : JourneyFormat.Abbreviate(row.Value, 22),
        row.Value,
        row.Sessions.Select(s => (JourneyFormat.Abbreviate(s.Key, 16), DashboardUrls.Session(s.Key),
            $"{SourceNames.Display(s.Source)} · {JourneyFormat.Count(s.Events, "event", "events")} · {JourneyFormat.Time(s.LastSeen, zone)}")).ToList(),
        row.SessionCount,
        row.People.Select(p => (JourneyFormat.Person(p.Key, p.Label), DashboardUrls.Person(p.Key), $"{JourneyFormat.Count(p.Events, "event", "events")} · {JourneyFormat.Time(p.LastSeen, zone)}")).ToList(),
        row.PeopleCount);
}
