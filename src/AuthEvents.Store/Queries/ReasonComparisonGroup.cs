namespace AuthEvents.Store.Queries;

/// <summary>One canonical reason's count in the current and the baseline range, with its provider codes.</summary>
public sealed record ReasonComparisonGroup(string Canonical, long Current, long Baseline, IReadOnlyList<ReasonComparisonRow> Codes)
{
    public long Difference => Current - Baseline;

    /// <summary>Relative change against the baseline (0.5 = +50 %); null when the baseline is 0.</summary>
    public double? Change => Baseline == 0 ? null : (double)Difference / Baseline;
}
