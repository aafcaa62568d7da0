using AuthEvents.Core.Events;

namespace AuthEvents.Store.Queries;

/// <summary>A source's recent traffic: newest event time, events in the last hour, and open quarantine rows.</summary>
public sealed record SourceActivity(EventSource Source, DateTimeOffset? NewestOccurredAt, int EventsLastHour, int QuarantineOpen);
