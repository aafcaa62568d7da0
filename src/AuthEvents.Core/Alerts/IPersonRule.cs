namespace AuthEvents.Core.Alerts;

/// <summary>
/// A rule over one person's recent events (the person-keyed rules). The store reads the person's window from the
/// journey index, which merges keep correct, so a rule sees every provider's events of the person.
/// </summary>
public interface IPersonRule : IAlertRule
{
    /// <summary>How far before the earliest new event the window reaches.</summary>
    TimeSpan Before { get; }

    /// <summary>How far after the latest new event the window reaches (late arrivals completing a pattern).</summary>
    TimeSpan After { get; }

    /// <summary>
    /// Whether, while the person's alert is open, every new matching event joins it (the prompts of an ongoing fatigue
    /// attack); false for rules whose evidence is the pattern itself (a trip's two ends, a chain's steps), which add only
    /// what their decisions name.
    /// </summary>
    bool AttachesEveryMatch => true;

    /// <summary>The person's events the window holds (a superset of <see cref="IAlertRule.Matches"/> where the rule needs context).</summary>
    bool Reads(AlertInput e);

    /// <summary>
    /// When the window alone cannot decide, the start of the person's older history the rule needs (any event, up to the
    /// window); null when it needs none. Asked only once the window has a candidate, so history is read rarely.
    /// </summary>
    DateTimeOffset? HistoryFrom(PersonWindow window) => null;

    /// <summary>The decisions for the window: at most one per person, and only for patterns that include a new event.</summary>
    /// <param name="window">The person's window.</param>
    /// <param name="history">The person's events from <see cref="HistoryFrom"/> on, when asked; otherwise empty.</param>
    IReadOnlyList<AlertDecision> Decide(PersonWindow window, IReadOnlyList<AlertInput> history);
}
