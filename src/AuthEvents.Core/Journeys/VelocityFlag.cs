namespace AuthEvents.Core.Journeys;

/// <summary>Many failures in a short window: the busiest window found.</summary>
/// <param name="Failures">Failures and rate limits in the window.</param>
/// <param name="From">The first of them.</param>
/// <param name="To">The last of them.</param>
public sealed record VelocityFlag(int Failures, DateTimeOffset From, DateTimeOffset To);
