using AuthEvents.Core.Journeys;

namespace AuthEvents.Store.Journeys;

/// <summary>Everything the session page shows about one session.</summary>
/// <param name="Key">The session key.</param>
/// <param name="Events">The session's events in journey order.</param>
/// <param name="JourneyEvents">The same events as the funnel engine sees them (for where the session stopped).</param>
/// <param name="People">The people the session's events belong to, most events first.</param>
/// <param name="Before">The main person's events just before the session, oldest first.</param>
/// <param name="After">The main person's events just after it, oldest first.</param>
/// <param name="Pivots">The session's IPs, devices and phones with the other sessions and people seen with them.</param>
public sealed record SessionJourney(
    string Key,
    IReadOnlyList<TimelineEvent> Events,
    IReadOnlyList<JourneyEvent> JourneyEvents,
    IReadOnlyList<PivotPerson> People,
    IReadOnlyList<TimelineEvent> Before,
    IReadOnlyList<TimelineEvent> After,
    IReadOnlyList<PivotRow> Pivots);
