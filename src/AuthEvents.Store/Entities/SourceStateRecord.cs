using AuthEvents.Core.Events;

namespace AuthEvents.Store.Entities;

/// <summary>
/// A source's durable position and health (table <c>source_states</c>): the cursor or pending acks are written in
/// the same transaction as the inbox rows they cover, so a cursor never claims more than was stored.
/// </summary>
public sealed class SourceStateRecord
{
    public EventSource Source { get; set; }
    public string? Cursor { get; set; }
    public string? PendingAcks { get; set; }
    public long? LastSuccessAtTicks { get; set; }
    public long? LastAttemptAtTicks { get; set; }
    public int ConsecutiveFailures { get; set; }
    public string? LastError { get; set; }
    public long EventsReceived { get; set; }
}
