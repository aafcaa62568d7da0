namespace AuthEvents.Store.Queries;

/// <summary>
/// A failure breakdown tree over <c>[From, To)</c>: <see cref="Total"/> failure reasons, and the trend buckets
/// (<see cref="TimeBuckets.ForTrend"/>) every node's <see cref="FailureNode.Trend"/> follows. Nodes are ordered by count, largest first.
/// </summary>
public sealed record FailureBreakdown(
    DateTimeOffset From, DateTimeOffset To, long Total, TimeSpan TrendBucketSize, IReadOnlyList<DateTimeOffset> TrendBuckets, IReadOnlyList<FailureNode> Nodes);
