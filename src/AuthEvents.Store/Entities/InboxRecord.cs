using AuthEvents.Core.Events;

namespace AuthEvents.Store.Entities;

/// <summary>
/// A raw record exactly as delivered (table <c>inbox</c>), keyed by source, tenant and provider event id so a
/// redelivery is a no-op. The payload is encrypted at rest (see <c>PayloadProtector</c>).
/// </summary>
public sealed class InboxRecord
{
    public long Id { get; set; }
    public EventSource Source { get; set; }
    public string Tenant { get; set; } = "";
    public string ProviderEventId { get; set; } = "";
    public long ReceivedAtTicks { get; set; }
    public byte[] Payload { get; set; } = [];

    /// <summary>What the (decrypted) payload is: <see cref="PayloadFormats.Json"/>, or <see cref="PayloadFormats.Jwe"/> for a Login.gov SET still encrypted to our key.</summary>
    public string PayloadFormat { get; set; } = PayloadFormats.Json;
    public bool IsDemo { get; set; }
    public InboxState State { get; set; }
    public long? ProcessedAtTicks { get; set; }
}
