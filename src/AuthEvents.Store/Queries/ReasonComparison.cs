namespace AuthEvents.Store.Queries;

/// <summary>
/// Failure reasons of two ranges side by side (e.g. this week against last week): every canonical reason and raw code
/// seen in either range, with both counts. Groups and codes are ordered by the larger of their two counts.
/// </summary>
public sealed record ReasonComparison(
    DateTimeOffset CurrentFrom,
    DateTimeOffset CurrentTo,
    DateTimeOffset BaselineFrom,
    DateTimeOffset BaselineTo,
    long CurrentTotal,
    long BaselineTotal,
    IReadOnlyList<ReasonComparisonGroup> Groups);
