using AuthEvents.Core.Events;

namespace AuthEvents.Store.Entities;

/// <summary>A raw record the normalizer rejected (table <c>quarantine</c>), with the reason an operator acts on. The payload stays in the inbox.</summary>
public sealed class QuarantineRecord
{
    public long Id { get; set; }
    public long InboxId { get; set; }
    public EventSource Source { get; set; }
    public string ProviderEventId { get; set; } = "";
    public string Reason { get; set; } = "";
    public long QuarantinedAtTicks { get; set; }
    public int ReplayCount { get; set; }
    public long? ResolvedAtTicks { get; set; }
}
