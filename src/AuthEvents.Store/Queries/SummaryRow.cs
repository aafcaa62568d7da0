using AuthEvents.Core.Events;

namespace AuthEvents.Store.Queries;

/// <summary>Event count for one source and outcome in a range.</summary>
public sealed record SummaryRow(EventSource Source, Outcome Outcome, int Count);
