using AuthEvents.Core.Journeys;

namespace AuthEvents.Store.Journeys;

/// <summary>One of a person's attempts at a funnel, newest first.</summary>
public sealed record PersonAttemptRow(FunnelDefinition Funnel, FunnelAttempt Attempt);
