using AuthEvents.Core.Events;

namespace AuthEvents.Store.Queries;

/// <summary>One source's events by outcome.</summary>
public sealed record SourceCounts(EventSource Source, OutcomeCounts Counts);
