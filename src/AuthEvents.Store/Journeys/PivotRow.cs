namespace AuthEvents.Store.Journeys;

/// <summary>A value of a session (its IP, device or phone) and the other sessions and people seen with it.</summary>
/// <param name="Kind">What the value is.</param>
/// <param name="Value">The value.</param>
/// <param name="Sessions">Other sessions with it, most recent first (at most the limit).</param>
/// <param name="SessionCount">Other sessions with it in all.</param>
/// <param name="People">Other people with it, most recent first (at most the limit).</param>
/// <param name="PeopleCount">Other people with it in all.</param>
public sealed record PivotRow(PivotKind Kind, string Value, IReadOnlyList<PivotSession> Sessions, int SessionCount, IReadOnlyList<PivotPerson> People, int PeopleCount);
