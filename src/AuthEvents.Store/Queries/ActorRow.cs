namespace AuthEvents.Store.Queries;

/// <summary>A person or session seen in a range: its key, display label, counts and last activity.</summary>
public sealed record ActorRow(string Key, string? Label, int Events, int Failures, DateTimeOffset LastSeen);
