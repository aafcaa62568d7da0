using AuthEvents.Store.Entities;

namespace AuthEvents.Store.Queries;

/// <summary>
/// A piece of a time range and where its counts come from: rollup rows of <see cref="Grain"/> whose buckets lie in
/// <c>[From, To)</c>, or (when <see cref="Grain"/> is null) the raw rows that occurred in <c>[From, To)</c>.
/// </summary>
internal readonly record struct RangePart(RollupGrain? Grain, long From, long To)
{
    /// <summary>
    /// Splits <c>[from, to)</c> into whole buckets of the coarsest grain that fits, finer grains towards the edges, and
    /// raw rows for what is left at each end (less than the finest grain), so that the counts are exact for any
    /// range. <paramref name="grains"/> runs from the coarsest to the finest; each must divide the one before.
    /// </summary>
    public static List<RangePart> Split(long from, long to, IReadOnlyList<RollupGrain> grains)
    {
        var parts = new List<RangePart>();
        Split(from, to, grains, 0, parts);
        return parts;
    }

    private static void Split(long from, long to, IReadOnlyList<RollupGrain> grains, int level, List<RangePart> parts)
    {
        if (from >= to)
        {
            return;
        }

        if (level == grains.Count)
        {
            parts.Add(new RangePart(null, from, to));
            return;
        }

        var size = (long)grains[level] * TimeSpan.TicksPerMinute;
        var first = CeilTo(from, size);
        var last = to - (to % size);
        if (first >= last)
        {
            Split(from, to, grains, level + 1, parts);
            return;
        }

        parts.Add(new RangePart(grains[level], first, last));
        Split(from, first, grains, level + 1, parts);
        Split(last, to, grains, level + 1, parts);
    }

    private static long CeilTo(long ticks, long size)
    {
        var rest = ticks % size;
        return rest == 0 ? ticks : ticks - rest + size;
    }
}
