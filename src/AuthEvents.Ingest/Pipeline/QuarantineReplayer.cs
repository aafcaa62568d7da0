using AuthEvents.Store;

namespace AuthEvents.Ingest.Pipeline;

/// <summary>Operator action: send quarantined records through the normalizers again (e.g. after an upgrade that fixes one).</summary>
public sealed class QuarantineReplayer(InboxStore inbox, InboxSignal signal)
{
    /// <summary>Requeues the given inbox records, or every open quarantine row when <paramref name="inboxIds"/> is null.</summary>
    public async Task<int> ReplayAsync(IReadOnlyCollection<long>? inboxIds, CancellationToken cancellationToken)
    {
        var requeued = await inbox.RequeueQuarantinedAsync(inboxIds, cancellationToken).ConfigureAwait(false);
        if (requeued > 0)
        {
            signal.Notify();
        }

        return requeued;
    }
}
