namespace AuthEvents.Core.Journeys;

/// <summary>One branch of a <see cref="FunnelReport"/>.</summary>
/// <param name="Index">The branch's position in <see cref="FunnelDefinition.Branches"/>.</param>
/// <param name="Branch">Its definition.</param>
/// <param name="Took">People who took the branch.</param>
/// <param name="Reached">People who reached each of the branch's steps.</param>
/// <param name="Completed">People who completed the funnel through the branch.</param>
/// <param name="InProgress">People on the branch who can still complete in time.</param>
/// <param name="Dropped">People who took the branch and stopped.</param>
/// <param name="MedianToStep">Median time to each branch step from the one before (the first from the main step branched off).</param>
/// <param name="MedianToComplete">Median time from the branch's last step to completion.</param>
public sealed record FunnelBranchReport(
    int Index,
    FunnelBranch Branch,
    int Took,
    IReadOnlyList<int> Reached,
    int Completed,
    int InProgress,
    int Dropped,
    IReadOnlyList<TimeSpan?> MedianToStep,
    TimeSpan? MedianToComplete);
