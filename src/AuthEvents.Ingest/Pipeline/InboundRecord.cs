using AuthEvents.Core.Events;

namespace AuthEvents.Ingest.Pipeline;

/// <summary>A payload as a source received it (native JSON), before the inbox.</summary>
public sealed record InboundRecord(EventSource Source, string Payload, DateTimeOffset ReceivedAt, bool IsDemo);
