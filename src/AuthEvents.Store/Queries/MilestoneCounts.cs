namespace AuthEvents.Store.Queries;

/// <summary>One milestone's events by outcome; <see cref="OutcomeCounts.SuccessRate"/> is its success rate.</summary>
public sealed record MilestoneCounts(string Milestone, OutcomeCounts Counts);
