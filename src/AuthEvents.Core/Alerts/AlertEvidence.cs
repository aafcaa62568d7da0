namespace AuthEvents.Core.Alerts;

/// <summary>One event an alert links to as evidence.</summary>
/// <param name="EventId">The stored event.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Step">The chain step (account takeover) or trip end (impossible travel: 1 from, 2 to); null otherwise.</param>
public sealed record AlertEvidence(long EventId, DateTimeOffset OccurredAt, int? Step = null);
