namespace AuthEvents.Store.Queries;

/// <summary>Bucket sizes for charts over a time range, and the bucket starts of a range.</summary>
public static class TimeBuckets
{
    /// <summary>The most buckets one series may have.</summary>
    public const int MaxBuckets = 20_000;

    /// <summary>
    /// The bucket for a chart over <c>[from, to)</c>: 1 minute up to 3 hours, 5 minutes up to 12 hours, 15 minutes up
    /// to 2 days, 1 hour up to 8 days, 6 hours up to 62 days, else 1 day (between about 100 and 250 points).
    /// Per-second buckets are for the live rate only (<see cref="LiveQueries.LiveRateAsync"/>).
    /// </summary>
    public static TimeSpan ForRange(DateTimeOffset from, DateTimeOffset to) => (to - from) switch
    {
        var s when s <= TimeSpan.FromHours(3) => TimeSpan.FromMinutes(1),
        var s when s <= TimeSpan.FromHours(12) => TimeSpan.FromMinutes(5),
        var s when s <= TimeSpan.FromDays(2) => TimeSpan.FromMinutes(15),
        var s when s <= TimeSpan.FromDays(8) => TimeSpan.FromHours(1),
        var s when s <= TimeSpan.FromDays(62) => TimeSpan.FromHours(6),
        _ => TimeSpan.FromDays(1),
    };

    /// <summary>A coarser bucket for small trend lines (sparklines): at most about 30 points.</summary>
    public static TimeSpan ForTrend(DateTimeOffset from, DateTimeOffset to) => (to - from) switch
    {
        var s when s <= TimeSpan.FromMinutes(30) => TimeSpan.FromMinutes(1),
        var s when s <= TimeSpan.FromMinutes(150) => TimeSpan.FromMinutes(5),
        var s when s <= TimeSpan.FromHours(7.5) => TimeSpan.FromMinutes(15),
        var s when s <= TimeSpan.FromHours(30) => TimeSpan.FromHours(1),
        var s when s <= TimeSpan.FromDays(7.5) => TimeSpan.FromHours(6),
        _ => TimeSpan.FromDays(1),
    };

    /// <summary>
    /// The starts of the buckets that cover <c>[from, to)</c>, aligned to whole multiples of <paramref name="size"/>
    /// counted from midnight in <paramref name="from"/>'s UTC offset, and given in that offset.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is under a second, or the range needs more than <see cref="MaxBuckets"/> buckets.</exception>
    public static IReadOnlyList<DateTimeOffset> Starts(DateTimeOffset from, DateTimeOffset to, TimeSpan size)
    {
        var bucketing = Bucketing(from, to, size);
        var starts = new List<DateTimeOffset>();
        for (var t = bucketing.StartOf(from.UtcTicks); t < to.UtcTicks; t += bucketing.SizeTicks)
        {
            starts.Add(new DateTimeOffset(t, TimeSpan.Zero).ToOffset(from.Offset));
        }

        return starts;
    }

    internal static Bucketing Bucketing(DateTimeOffset from, DateTimeOffset to, TimeSpan size)
    {
        if (size < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "Buckets are at least one second long.");
        }

        if (to > from && (to - from).Ticks / size.Ticks > MaxBuckets)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"The range would need more than {MaxBuckets} buckets.");
        }

        // Local midnight is UTC minus the offset.
        return new Bucketing(size.Ticks, -from.Offset.Ticks);
    }

    /// <summary>Turns bucketed counts into a series with every bucket present.</summary>
    internal static TimeSeries ToSeries(
        DateTimeOffset from, DateTimeOffset to, TimeSpan size, IEnumerable<string> keys, IEnumerable<(long Bucket, string Key, long Count)> counts)
    {
        var buckets = Starts(from, to, size);
        var index = buckets.Select((b, i) => (b.UtcTicks, i)).ToDictionary(x => x.UtcTicks, x => x.i);
        var order = keys.Distinct(StringComparer.Ordinal).ToList();
        var lines = order.ToDictionary(k => k, _ => new long[buckets.Count], StringComparer.Ordinal);
        foreach (var (bucket, key, count) in counts)
        {
            if (lines.TryGetValue(key, out var line) && index.TryGetValue(bucket, out var i))
            {
                line[i] += count;
            }
        }

        return new TimeSeries(size, buckets, order.Select(k => new SeriesLine(k, lines[k])).ToList());
    }
}
