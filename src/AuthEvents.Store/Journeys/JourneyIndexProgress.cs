namespace AuthEvents.Store.Journeys;

/// <summary>How far a rebuild of the journey index has come: events indexed again out of those stored when it began.</summary>
public sealed record JourneyIndexProgress(long Indexed, long Total)
{
    /// <summary>No rebuild running: the index covers every stored event.</summary>
    public static readonly JourneyIndexProgress Current = new(0, 0);

    /// <summary>True while funnels, people and sessions cover only part of the stored events.</summary>
    public bool Building => Indexed < Total;

    /// <summary>0..1.</summary>
    public double Fraction => Total <= 0 ? 1 : Math.Min(1, (double)Indexed / Total);
}
