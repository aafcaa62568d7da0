using AuthEvents.Core.Events;

namespace AuthEvents.Store;

/// <summary>An inbox record after the normalizer: its canonical event, or the reason it was rejected.</summary>
public sealed record NormalizedInboxRecord(long InboxId, EventSource Source, string ProviderEventId, bool IsDemo, AuthEvent? Event, string? RejectionReason);
