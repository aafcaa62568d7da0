namespace AuthEvents.Store.Queries;

/// <summary>A rate shown with its parts: <see cref="Part"/> of <see cref="Whole"/>; <see cref="Value"/> is null when there is nothing to divide.</summary>
public readonly record struct Ratio(long Part, long Whole)
{
    /// <summary>Between 0 and 1, or null when <see cref="Whole"/> is 0.</summary>
    public double? Value => Whole == 0 ? null : (double)Part / Whole;
}
