namespace AuthEvents.Store.Queries;

/// <summary>
/// Time buckets of <see cref="SizeTicks"/> whose starts are <see cref="OriginTicks"/> plus whole multiples of the
/// size (the origin is a UTC offset, so that day buckets can start at local midnight).
/// </summary>
internal sealed record Bucketing(long SizeTicks, long OriginTicks)
{
    public long StartOf(long ticks) => ((ticks - OriginTicks) / SizeTicks * SizeTicks) + OriginTicks;

    /// <summary>True when rollup rows of <paramref name="grainTicks"/> each fall wholly inside one bucket.</summary>
    public bool Aligns(long grainTicks) => SizeTicks % grainTicks == 0 && ((OriginTicks % grainTicks) + grainTicks) % grainTicks == 0;
}
