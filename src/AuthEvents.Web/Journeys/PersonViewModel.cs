using System.Globalization;
using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using AuthEvents.Demo.Simulation;
using AuthEvents.Store.Journeys;
using AuthEvents.Web.Hosting;
using AuthEvents.Web.State;

namespace AuthEvents.Web.Journeys;

/// <summary>
/// One person's journey as plain data: the identities joined into them and why, their flags, what they used, the
/// milestones and funnels they reached, and their events grouped by session. Built from a <see cref="PersonJourney"/>,
/// with every time written in <see cref="Zone"/> (the viewer's, or UTC) and events without a session grouped by their
/// day there.
/// </summary>
public sealed class PersonViewModel
{
    public PersonViewModel(PersonState state, PersonJourney person, DateTimeOffset now, TimeZoneInfo zone, PersonFlagOptions? flags = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(zone);
        var options = flags ?? new PersonFlagOptions();
        State = state;
        Person = person;
        Zone = zone;
        var events = person.Events;
        var personEvents = events.Select(e => new PersonEvent(e.Id, e.OccurredAt, e.Source, e.EventType, e.Outcome, e.Country, e.City, e.Latitude, e.Longitude)).ToList();
        Velocity = PersonFlags.Velocity(personEvents, options);
        Travel = PersonFlags.ImpossibleTravel(personEvents, options);
        var identities = person.Identities.Select(i => Identity(i, zone)).ToList();
        Identities = identities.Where(i => i.Kind != "Session").ToList();
        Sessions = identities.Where(i => i.Kind == "Session").ToList();
        Ips = person.Shared.Where(s => s.Kind == PivotKind.Ip)
            .Select(s => new UsageLine(s.Value, s.Value, s.Events, s.OtherPeople, PersonFlags.IsShared(s.OtherPeople, options))).ToList();
        Devices = person.Shared.Where(s => s.Kind == PivotKind.Device)
            .Select(s => new UsageLine(JourneyFormat.Abbreviate(s.Value, 18), s.Value, s.Events, s.OtherPeople, PersonFlags.IsShared(s.OtherPeople, options))).ToList();
        Countries = Usage(events.Select(e => e.City is null ? e.Country : e.City + ", " + e.Country));
        Authenticators = Usage(events.Select(e => e.Authenticator));
        Milestones = events.Where(e => e.Outcome is Outcome.Success or Outcome.Info && e.Milestone != Core.Events.Milestones.Other)
            .GroupBy(e => e.Milestone, StringComparer.Ordinal)
            .OrderBy(g => Order(g.Key))
            .Select(g => new MilestoneLine(g.Key, g.Count(), JourneyFormat.Time(g.Min(e => e.OccurredAt), zone), JourneyFormat.Time(g.Max(e => e.OccurredAt), zone)))
            .ToList();
        Funnels = person.Attempts.GroupBy(a => a.Funnel).Select(g => FunnelLine(g.Key, g.ToList(), now, zone)).ToList();
        Groups = Timeline(state.FailuresOnly ? events.Where(e => e.Outcome is Outcome.Failure or Outcome.RateLimited) : events, zone);
    }

    public PersonState State { get; }

    public PersonJourney Person { get; }

    /// <summary>The zone every time is written in, and days are counted in.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The heading: the masked e-mail where known.</summary>
    public string Title => Person.Label ?? JourneyFormat.Abbreviate(Person.Key, 32);

    public VelocityFlag? Velocity { get; }

    public IReadOnlyList<TravelFlag> Travel { get; }

    /// <summary>The e-mail and provider subjects joined into the person.</summary>
    public IReadOnlyList<PersonIdentityLine> Identities { get; }

    /// <summary>The sessions joined into the person.</summary>
    public IReadOnlyList<PersonIdentityLine> Sessions { get; }

    public IReadOnlyList<UsageLine> Ips { get; }

    public IReadOnlyList<UsageLine> Devices { get; }

    public IReadOnlyList<UsageLine> Countries { get; }

    public IReadOnlyList<UsageLine> Authenticators { get; }

    public IReadOnlyList<MilestoneLine> Milestones { get; }

    public IReadOnlyList<FunnelProgressLine> Funnels { get; }

    public IReadOnlyList<TimelineGroup> Groups { get; }

    /// <summary>IPs and devices shared with many other people, most shared first.</summary>
    public IEnumerable<UsageLine> SharedValues => Ips.Concat(Devices).Where(u => u.Shared).OrderByDescending(u => u.OtherPeople);

    /// <summary>True when any flag is raised.</summary>
    public bool HasFlags => Velocity is not null || Travel.Count > 0 || SharedValues.Any();

    /// <summary>Failures and rate limits among the shown events.</summary>
    public int Failures => Person.Events.Count(e => e.Outcome is Outcome.Failure or Outcome.RateLimited);

    /// <summary>Distinct providers among the shown events.</summary>
    public int Providers => Person.Events.Select(e => e.Source).Distinct().Count();

    /// <summary>"Showing the newest N of M events" when the list was cut, else null.</summary>
    public string? Truncation => Person.TotalEvents > Person.Events.Count
        ? $"Showing the newest {JourneyFormat.Count(Person.Events.Count)} of {JourneyFormat.Count(Person.TotalEvents)} events."
        : null;

    /// <summary>A travel flag in words.</summary>
    public static string Describe(TravelFlag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var speed = double.IsInfinity(flag.SpeedKmh) ? "at the same instant" : string.Create(CultureInfo.InvariantCulture, $"{flag.SpeedKmh:N0} km/h");
        return string.Create(CultureInfo.InvariantCulture,
            $"{Place(flag.From)} → {Place(flag.To)}: {flag.DistanceKm:N0} km in {JourneyFormat.Duration(flag.Elapsed)} ({speed})") +
            (flag.UsesCountryCentroid ? " · from country centres" : "");

        static string Place(PersonEvent e) => e.City is null ? e.Country ?? "?" : e.City + " " + e.Country;
    }

    /// <summary>A failure's reasons in words: canonical reason with the provider's own field and code.</summary>
    public static string Reasons(TimelineEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return string.Join("; ", e.Reasons.Select(r => $"{r.Canonical} ({r.Field}: {r.Code})"));
    }

    private static PersonIdentityLine Identity(PersonIdentityRow row, TimeZoneInfo zone)
    {
        var provider = row.Source is { } s ? SourceNames.Display(s) : "Any provider";
        var at = row.LinkedAt is { } t ? JourneyFormat.Time(t, zone) : null;
        var evidenceEvent = row.EvidenceEventType is null ? "an event" : row.EvidenceEventType;
        var on = row.EvidenceEventType is null ? "" : ", on " + row.EvidenceEventType;
        var evidence = row.Evidence switch
        {
            IdentityEvidence.SameEmail => "Same normalized e-mail (keyed hash)",
            IdentityEvidence.SeenWithEmail => "Seen with the same normalized e-mail (keyed hash)" + on,
            IdentityEvidence.SeenWithJoinedIdentity when row.Kind == IdentityKind.Session => "Session of a joined provider identity" + on,
            IdentityEvidence.SeenWithJoinedIdentity => "Seen in a session of this person" + on,
            _ => "Not joined to an e-mail yet",
        };
        return row.Kind switch
        {
            IdentityKind.Email => new PersonIdentityLine(provider, "E-mail", row.Label ?? "(masked e-mail not seen)", row.Key, null, evidence, at),
            IdentityKind.Session => new PersonIdentityLine(provider, "Session", JourneyFormat.Abbreviate(IdentityKeys.LocalValue(row.Key), 18), row.Key,
                DashboardUrls.Session(IdentityKeys.LocalValue(row.Key)), evidence, at),
            _ => new PersonIdentityLine(provider, "Subject", JourneyFormat.Abbreviate(IdentityKeys.LocalValue(row.Key), 24), row.Key, null, evidence, at),
        };
    }

    private static List<UsageLine> Usage(IEnumerable<string?> values) =>
        values.OfType<string>().GroupBy(v => v, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new UsageLine(g.Key, g.Key, g.Count(), null, false)).ToList();

    private static FunnelProgressLine FunnelLine(FunnelDefinition funnel, List<PersonAttemptRow> attempts, DateTimeOffset now, TimeZoneInfo zone)
    {
        var latest = attempts.MaxBy(a => a.Attempt.StartTicks)!.Attempt;
        var progress = FunnelProgress.Of(latest, now.UtcTicks, null);
        var reached = progress.Branch >= 0
            ? funnel.Branches[progress.Branch].Steps[progress.BranchReached - 1].Label
            : funnel.Steps[Math.Max(0, progress.MainReached - 1)].Label;
        var status = progress.Completed ? "Completed"
            : progress.InProgress ? "In progress"
            : progress.Branch >= 0 ? "Stopped on " + funnel.Branches[progress.Branch].Label.ToLowerInvariant()
            : "Stopped before " + funnel.Steps[Math.Min(progress.MainReached, funnel.LastStep)].Label;
        var failure = latest.LastFailure is { } f ? $"{f.Canonical ?? "failure"} · {f.EventType}" + (f.Raw is null ? "" : $" ({f.Raw})") : null;
        return new FunnelProgressLine(funnel.Title, DashboardUrls.WithQuery(DashboardUrls.JourneysPath, [("funnel", funnel.Id)]), attempts.Count,
            JourneyFormat.Time(new DateTimeOffset(latest.StartTicks, TimeSpan.Zero), zone), reached, status, progress.Completed, failure);
    }

    // Events without a session group by provider and by the day they fell on in the zone shown.
    private static List<TimelineGroup> Timeline(IEnumerable<TimelineEvent> events, TimeZoneInfo zone) =>
        events.GroupBy(e => e.SessionKey ?? string.Create(CultureInfo.InvariantCulture, $"\u0000{e.Source}:{JourneyFormat.Day(e.OccurredAt, zone):yyyy-MM-dd}"), StringComparer.Ordinal)
            .Select(g =>
            {
                var ordered = g.OrderBy(e => e.OccurredAt).ThenBy(e => e.Step).ThenBy(e => e.Id).ToList();
                var session = ordered[0].SessionKey;
                var first = ordered[0].OccurredAt;
                var last = ordered[^1].OccurredAt;
                return new TimelineGroup(
                    session is null ? string.Create(CultureInfo.InvariantCulture, $"No session · {JourneyFormat.Day(first, zone):yyyy-MM-dd}") : "Session " + JourneyFormat.Abbreviate(session, 16),
                    session,
                    session is null ? null : DashboardUrls.Session(session),
                    string.Join(", ", ordered.Select(e => e.Source).Distinct().Select(SourceNames.Display)),
                    first == last ? JourneyFormat.Time(first, zone) : $"{JourneyFormat.Span(first, last, zone)} ({JourneyFormat.Duration(last - first)})",
                    ordered,
                    ordered.Count(e => e.Outcome is Outcome.Failure or Outcome.RateLimited),
                    ordered.Where(e => e.Outcome is Outcome.Success or Outcome.Info && e.Milestone != Core.Events.Milestones.Other)
                        .Select(e => e.Milestone).Distinct(StringComparer.Ordinal).OrderBy(Order).ToList());
            })
            .OrderByDescending(g => g.Events[^1].OccurredAt)
            .ToList();

    private static int Order(string milestone)
    {
        var i = Core.Events.Milestones.All.ToList().IndexOf(milestone);
        return i < 0 ? int.MaxValue : i;
    }
}
