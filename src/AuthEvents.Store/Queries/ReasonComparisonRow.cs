using AuthEvents.Core.Events;

namespace AuthEvents.Store.Queries;

/// <summary>One provider raw code's count in the current and the baseline range.</summary>
public sealed record ReasonComparisonRow(EventSource Source, string EventType, string Field, string Code, long Current, long Baseline)
{
    public long Difference => Current - Baseline;

    /// <summary>Relative change against the baseline (0.5 = +50 %); null when the baseline is 0.</summary>
    public double? Change => Baseline == 0 ? null : (double)Difference / Baseline;
}
