namespace AuthEvents.Store.Journeys;

/// <summary>Another person seen with a pivot value.</summary>
public sealed record PivotPerson(string Key, string? Label, int Events, DateTimeOffset LastSeen);
