namespace AuthEvents.Store.Queries;

/// <summary>
/// What the failures page shows for one range, loaded by <see cref="FailureQueries.LoadAsync"/>: the tree source →
/// event type → field → code, the same reasons grouped by canonical reason with each provider's raw code, and the
/// failures over time with one line per canonical reason.
/// </summary>
public sealed record FailuresData(FailureBreakdown BySource, FailureBreakdown ByCanonical, TimeSeries OverTime);
