namespace AuthEvents.Store.Search;

/// <summary>How far the free-text backfill has come: events indexed out of those stored before it began.</summary>
public sealed record SearchIndexProgress(long Indexed, long Total)
{
    /// <summary>No backfill running: every stored event is indexed.</summary>
    public static readonly SearchIndexProgress Current = new(0, 0);

    /// <summary>True while free text finds only the events indexed so far (and every new one).</summary>
    public bool Building => Indexed < Total;

    /// <summary>0..1.</summary>
    public double Fraction => Total <= 0 ? 1 : Math.Min(1, (double)Indexed / Total);
}
