using AuthEvents.Core.Events;
using AuthEvents.Store.Entities;

namespace AuthEvents.Store;

/// <summary>A raw record ready for the inbox: key, encrypted payload, and whether it is demo traffic.</summary>
public sealed record PendingInboxRecord(
    EventSource Source,
    string Tenant,
    string ProviderEventId,
    byte[] ProtectedPayload,
    DateTimeOffset ReceivedAt,
    bool IsDemo,
    string PayloadFormat = PayloadFormats.Json);
