using AuthEvents.Core.Events;

namespace AuthEvents.Core.Inbox;

/// <summary>
/// One event as the provider delivered it, after transport-level checks (signature, decryption) and
/// before any interpretation. <see cref="Payload"/> is the provider's native JSON document: a decrypted
/// Login.gov SET, one 1Password sign-in attempt item, an Entrust webhook envelope, or a FusionAuth webhook
/// body (<c>{"event":{…}}</c>).
/// </summary>
public sealed record RawRecord(
    EventSource Source,
    string Tenant,
    string ProviderEventId,
    string Payload,
    DateTimeOffset ReceivedAt);
