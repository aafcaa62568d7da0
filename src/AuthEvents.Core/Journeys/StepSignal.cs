using AuthEvents.Core.Events;

namespace AuthEvents.Core.Journeys;

/// <summary>
/// Events that concern a funnel step: every event of <paramref name="Milestone"/> (or only the listed
/// <paramref name="EventTypes"/> of it), and which of their outcomes <paramref name="Reach"/> the step.
/// </summary>
/// <param name="Milestone">A milestone from <see cref="Milestones"/>.</param>
/// <param name="EventTypes">Provider event types within the milestone; null for every type of it.</param>
/// <param name="Reach">Which outcomes reach the step; other outcomes count as an attempt at it.</param>
public sealed record StepSignal(string Milestone, IReadOnlyList<string>? EventTypes, StepReach Reach)
{
    /// <summary>True when an event of this milestone and type concerns the step.</summary>
    public bool Matches(string milestone, string eventType) =>
        string.Equals(milestone, Milestone, StringComparison.Ordinal)
        && (EventTypes is null || EventTypes.Contains(eventType, StringComparer.Ordinal));

    /// <summary>True when an event with <paramref name="outcome"/> reaches the step (rather than only attempting it).</summary>
    public bool IsReachedBy(Outcome outcome) => Reach switch
    {
        StepReach.Success => outcome == Outcome.Success,
        StepReach.SuccessOrInfo => outcome is Outcome.Success or Outcome.Info,
        StepReach.AnyOutcome => true,
        _ => false,
    };
}
