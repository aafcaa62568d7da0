using AuthEvents.Core.Events;

namespace AuthEvents.Store.Queries;

/// <summary>How often one provider's raw failure code (source, event type, field, code) occurred.</summary>
public sealed record ReasonCodeCount(EventSource Source, string EventType, string Field, string Code, long Count);
