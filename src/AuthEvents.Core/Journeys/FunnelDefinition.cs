namespace AuthEvents.Core.Journeys;

/// <summary>
/// A funnel: ordered steps from entry to completion, the conversion window, and the alternative paths to
/// completion. Defined once in <see cref="Funnels"/>; the store, the engine and the pages all read it.
/// </summary>
/// <param name="Id">Stable identifier, used in URLs and in the store.</param>
/// <param name="Title">Name shown in the funnel picker.</param>
/// <param name="Description">What the funnel follows, for the catalog page.</param>
/// <param name="Steps">The main path; the first step is the entry, the last the completion.</param>
/// <param name="Branches">Alternative paths to the last step.</param>
/// <param name="ConversionWindow">Longest time from entry to any later step of the same attempt.</param>
public sealed record FunnelDefinition(
    string Id,
    string Title,
    string Description,
    IReadOnlyList<FunnelStep> Steps,
    IReadOnlyList<FunnelBranch> Branches,
    TimeSpan ConversionWindow)
{
    /// <summary>Index of the last (completion) step.</summary>
    public int LastStep => Steps.Count - 1;

    /// <summary>The longest time an attempt can stay open: the conversion window.</summary>
    public TimeSpan LongestWindow => ConversionWindow;

    /// <summary>True when an event of this milestone and type concerns any step or branch step of the funnel.</summary>
    public bool Concerns(string milestone, string eventType)
    {
        foreach (var step in AllSteps())
        {
            foreach (var signal in step.Signals)
            {
                if (signal.Matches(milestone, eventType))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The main steps, then every branch's steps.</summary>
    public IEnumerable<FunnelStep> AllSteps() => Steps.Concat(Branches.SelectMany(b => b.Steps));

    /// <summary>The milestones any step listens to, for store queries.</summary>
    public IReadOnlyList<string> MilestonesUsed() =>
        AllSteps().SelectMany(s => s.Signals).Select(s => s.Milestone).Distinct(StringComparer.Ordinal).ToList();
}
