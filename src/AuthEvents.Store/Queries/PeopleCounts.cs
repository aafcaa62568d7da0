namespace AuthEvents.Store.Queries;

/// <summary>Distinct people in a range: all of them, those who took an identity verification step, and those who completed one.</summary>
internal readonly record struct PeopleCounts(long People, long IdvStarted, long IdvCompleted);
