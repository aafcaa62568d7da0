namespace AuthEvents.Store.Journeys;

/// <summary>Everything the person page shows about one person.</summary>
/// <param name="Key">The person's key: the root identity (a keyed e-mail hash where one is known).</param>
/// <param name="Label">Masked e-mail address, when known.</param>
/// <param name="Identities">The identities joined into the person, the person's own first.</param>
/// <param name="Events">The person's events in the range, newest first (at most the limit asked for).</param>
/// <param name="TotalEvents">The person's events in the range.</param>
/// <param name="Attempts">Recent funnel attempts, newest first per funnel.</param>
/// <param name="Shared">IP addresses and devices the person used, with how many other people used them.</param>
public sealed record PersonJourney(
    string Key,
    string? Label,
    IReadOnlyList<PersonIdentityRow> Identities,
    IReadOnlyList<TimelineEvent> Events,
    int TotalEvents,
    IReadOnlyList<PersonAttemptRow> Attempts,
    IReadOnlyList<SharedValueRow> Shared);
