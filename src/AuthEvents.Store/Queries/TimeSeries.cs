namespace AuthEvents.Store.Queries;

/// <summary>
/// Counts per time bucket. <see cref="Buckets"/> are the bucket starts, every one present (empty buckets count 0),
/// aligned to whole multiples of <see cref="BucketSize"/> in the UTC offset of the range's start; the first and
/// last bucket may reach outside the range, but only events inside it are counted. Every line has one count per bucket.
/// </summary>
public sealed record TimeSeries(TimeSpan BucketSize, IReadOnlyList<DateTimeOffset> Buckets, IReadOnlyList<SeriesLine> Lines);
