namespace AuthEvents.Core.Journeys;

/// <summary>A funnel summarized over the people whose attempts started in a range (see <see cref="FunnelAggregator"/>).</summary>
/// <param name="Funnel">The funnel.</param>
/// <param name="Entered">People who entered.</param>
/// <param name="Completed">People who completed, by any path.</param>
/// <param name="InProgress">People whose attempt can still progress.</param>
/// <param name="Steps">The main steps.</param>
/// <param name="Branches">The branches.</param>
/// <param name="Segments">The breakdown, largest first; empty without one.</param>
/// <param name="FastPeople">People who reached at least one step suspiciously fast.</param>
public sealed record FunnelReport(
    FunnelDefinition Funnel,
    int Entered,
    int Completed,
    int InProgress,
    IReadOnlyList<FunnelStepReport> Steps,
    IReadOnlyList<FunnelBranchReport> Branches,
    IReadOnlyList<FunnelSegmentReport> Segments,
    int FastPeople)
{
    /// <summary>Completed over entered, or null when nobody entered.</summary>
    public double? CompletionRate => Entered == 0 ? null : Completed / (double)Entered;
}
