using AuthEvents.Core.Events;
using AuthEvents.Core.Inbox;
using AuthEvents.Store.Entities;

namespace AuthEvents.Ingest.Pipeline;

/// <summary>
/// A payload as a source received it, before the inbox. <paramref name="Key"/> is given when the protocol itself
/// names the event (Login.gov's poll map key); otherwise the normalizer reads it from the payload.
/// </summary>
public sealed record InboundRecord(
    EventSource Source,
    string Payload,
    DateTimeOffset ReceivedAt,
    bool IsDemo,
    InboxKey? Key = null,
    string PayloadFormat = PayloadFormats.Json);
