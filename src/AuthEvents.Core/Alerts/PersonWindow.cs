namespace AuthEvents.Core.Alerts;

/// <summary>
/// One person's events around a run's new ones, as a person rule reads them: every event the rule
/// <see cref="IPersonRule.Reads"/> from <see cref="IPersonRule.Before"/> before the earliest new one to
/// <see cref="IPersonRule.After"/> after the latest, in any order.
/// </summary>
/// <param name="Person">The journey person's root identity key.</param>
/// <param name="Events">The events, new ones included.</param>
/// <param name="NewIds">The ids of the events this run brings: a decision needs at least one of them.</param>
public sealed record PersonWindow(string Person, IReadOnlyList<AlertInput> Events, IReadOnlySet<long> NewIds);
