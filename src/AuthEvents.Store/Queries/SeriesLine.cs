namespace AuthEvents.Store.Queries;

/// <summary>One series of a chart: its key (an outcome key, a canonical reason, …) and one count per bucket.</summary>
public sealed record SeriesLine(string Key, IReadOnlyList<long> Counts)
{
    public long Total => Counts.Sum();
}
