namespace AuthEvents.Store.Queries;

/// <summary>A failure reason as the provider reported it (<paramref name="Field"/>, <paramref name="Code"/>) and its canonical group.</summary>
public sealed record EventReason(string Field, string Code, string Canonical);
