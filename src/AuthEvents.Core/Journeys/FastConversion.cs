namespace AuthEvents.Core.Journeys;

/// <summary>A person who reached a step suspiciously fast after the previous one.</summary>
/// <param name="PersonId">The store's id of the person.</param>
/// <param name="Attempt">The counted attempt.</param>
/// <param name="Duration">Time from the previous step.</param>
public sealed record FastConversion(long PersonId, FunnelAttempt Attempt, TimeSpan Duration);
