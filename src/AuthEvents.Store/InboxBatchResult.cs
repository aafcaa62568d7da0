namespace AuthEvents.Store;

/// <summary>One inbox batch of <see cref="EventStore.ProcessPendingAsync"/>: the records taken, as normalized, and what their commit stored.</summary>
public sealed record InboxBatchResult(IReadOnlyList<NormalizedInboxRecord> Records, CommitResult Committed)
{
    /// <summary>Nothing was pending (on PostgreSQL: nothing that another node has not claimed).</summary>
    public static InboxBatchResult Nothing { get; } = new([], new CommitResult([], 0, 0));
}
