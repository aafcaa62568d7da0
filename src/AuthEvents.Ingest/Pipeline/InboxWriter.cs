using System.Security.Cryptography;
using System.Text;
using AuthEvents.Core.Events;
using AuthEvents.Core.Normalization;
using AuthEvents.Core.Privacy;
using AuthEvents.Store;
using AuthEvents.Store.Entities;

namespace AuthEvents.Ingest.Pipeline;

/// <summary>
/// The sources' way into the inbox: reads each payload's dedupe key, encrypts the payload, and writes the batch
/// durably (with the source's new position, when given) before anything else happens. Then wakes the processor.
/// A payload without a usable id is keyed by its content hash, so it is still kept and quarantined, never lost.
/// Records of a <see cref="SimulatedSources">simulated source</see> are marked as demo data here, whatever their transport.
/// </summary>
public sealed class InboxWriter(
    IEnumerable<IEventNormalizer> normalizers,
    PayloadProtector protector,
    InboxStore inbox,
    InboxSignal signal,
    SimulatedSources? simulated = null)
{
    private readonly Dictionary<EventSource, IEventNormalizer> _normalizers = normalizers.ToDictionary(n => n.Source);
    private readonly SimulatedSources _simulated = simulated ?? SimulatedSources.None;

    public Task<InboxWriteResult> WriteAsync(
        IReadOnlyList<InboundRecord> records,
        EventSource? stateSource,
        Action<SourceStateRecord>? updateSourceState,
        CancellationToken cancellationToken) =>
        WriteAsync(records, stateSource, updateSourceState, WritePriority.Bulk, cancellationToken);

    /// <summary>Writes the records with their source's new state, taking a turn at the store's write gate with <paramref name="priority"/>.</summary>
    /// <param name="records">What arrived, unparsed.</param>
    /// <param name="stateSource">The source whose state row <paramref name="updateSourceState"/> updates.</param>
    /// <param name="updateSourceState">Applied to the source's state row in the same transaction.</param>
    /// <param name="priority"><see cref="WritePriority.Prompt"/> for a webhook waiting to answer its provider.</param>
    /// <param name="cancellationToken">Cancels the wait for the gate and the write.</param>
    public async Task<InboxWriteResult> WriteAsync(
        IReadOnlyList<InboundRecord> records,
        EventSource? stateSource,
        Action<SourceStateRecord>? updateSourceState,
        WritePriority priority,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var pending = records.Select(ToPending).ToList();
        var result = await inbox.AddAsync(pending, stateSource, updateSourceState, priority, cancellationToken).ConfigureAwait(false);
        if (result.Added > 0)
        {
            signal.Notify();
        }

        return result;
    }

    private PendingInboxRecord ToPending(InboundRecord record)
    {
        var key = record.Key ?? (_normalizers.TryGetValue(record.Source, out var normalizer) ? normalizer.ReadKey(record.Payload) : null);
        var tenant = key?.Tenant ?? "";
        var id = key?.ProviderEventId ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(record.Payload)));
        var isDemo = record.IsDemo || _simulated.Contains(record.Source);
        return new PendingInboxRecord(record.Source, tenant, id, protector.Protect(record.Payload), record.ReceivedAt, isDemo, record.PayloadFormat);
    }
}
