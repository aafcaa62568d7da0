namespace AuthEvents.Core.Journeys;

/// <summary>
/// An alternative path to a funnel's last step, such as verifying an address by mail instead of by phone. A
/// person on the main path who has reached at least <paramref name="FromStep"/> takes the branch with the first
/// event that reaches the branch's first step; from then on the branch's steps, and then the funnel's last step,
/// are what count.
/// </summary>
/// <param name="Id">Stable identifier, used in URLs.</param>
/// <param name="Label">Short name shown in the step table.</param>
/// <param name="Description">When people take it, for the catalog page.</param>
/// <param name="FromStep">Index of the first main step from which the branch can be taken.</param>
/// <param name="Steps">The branch's own steps, in order.</param>
/// <param name="RejoinWindow">Longest time from the branch's last step to the funnel's last step.</param>
public sealed record FunnelBranch(
    string Id,
    string Label,
    string Description,
    int FromStep,
    IReadOnlyList<FunnelStep> Steps,
    TimeSpan RejoinWindow);
