namespace AuthEvents.Store.Queries;

/// <summary>One country's events by outcome; null when the provider reported no country.</summary>
public sealed record CountryCounts(string? Country, OutcomeCounts Counts);
