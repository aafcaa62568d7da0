namespace AuthEvents.Core.Journeys;

/// <summary>A stored attempt with the id of the person it belongs to.</summary>
/// <param name="PersonId">The store's id of the (resolved) person.</param>
/// <param name="Attempt">The attempt.</param>
public sealed record PersonAttempt(long PersonId, FunnelAttempt Attempt);
