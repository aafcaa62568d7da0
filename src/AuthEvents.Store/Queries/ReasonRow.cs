using AuthEvents.Core.Events;

namespace AuthEvents.Store.Queries;

/// <summary>Failure count for one canonical reason and the provider's raw (source, event type, field, code).</summary>
public sealed record ReasonRow(string Canonical, EventSource Source, string EventType, string Field, string Code, int Count);
