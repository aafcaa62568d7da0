using System.Diagnostics;
using System.Security.Cryptography;
using AuthEvents.Core.Events;
using AuthEvents.Core.Inbox;
using AuthEvents.Core.Normalization;
using AuthEvents.Core.Privacy;
using AuthEvents.Ingest.Feed;
using AuthEvents.Ingest.Telemetry;
using AuthEvents.Store;
using AuthEvents.Store.Entities;
using AuthEvents.Store.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;

namespace AuthEvents.Ingest.Pipeline;

/// <summary>
/// Drains the inbox: decrypts each pending record, normalizes it, and commits events, quarantine rows and inbox
/// states in one transaction; then tells the feed. A record that cannot be read or normalized is quarantined
/// with its reason and the rest of the batch goes on. On PostgreSQL every node runs one, each claiming its own records
/// (see <see cref="EventStore.ProcessPendingAsync"/>).
/// </summary>
public sealed partial class InboxProcessor(
    InboxStore inbox,
    EventStore events,
    IEnumerable<IEventNormalizer> normalizers,
    IEnumerable<IPayloadDecoder> decoders,
    PayloadProtector protector,
    EventFeed feed,
    InboxSignal signal,
    TimeProvider time,
    ILogger<InboxProcessor> logger,
    StoreMetrics? storeMetrics = null,
    IngestMetrics? ingestMetrics = null) : BackgroundService
{
    private const int BatchSize = 500;
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);
    private readonly Dictionary<EventSource, IEventNormalizer> _normalizers = normalizers.ToDictionary(n => n.Source);
    private readonly Dictionary<string, IPayloadDecoder> _decoders = decoders.ToDictionary(d => d.Format, StringComparer.Ordinal);

    // A failed batch (the store briefly unavailable, say) is retried with jittered backoff for as long as it fails.
    private readonly ResiliencePipeline _retry = RetryForever.Create(time, (error, attempt, delay) =>
        LogIterationFailed(logger, error?.GetType().Name ?? "", attempt, delay));

    /// <summary>Processes one batch of pending records; returns how many were taken.</summary>
    public async Task<int> ProcessOnceAsync(CancellationToken cancellationToken)
    {
        // The span starts with a batch that was taken, so idle polls leave no trace; started inside the store's call,
        // it is the parent of the commit's statements too.
        Activity? activity = null;
        try
        {
            var batch = await events.ProcessPendingAsync(BatchSize, (taken, token) =>
            {
                activity = AuthEventsTelemetry.Traces.StartActivity("inbox batch");
                return NormalizeAllAsync(taken, token);
            }, cancellationToken).ConfigureAwait(false);
            var normalized = batch.Records;
            if (normalized.Count == 0)
            {
                return 0;
            }

            var result = batch.Committed;
            activity?.SetTag("authevents.records", normalized.Count);
            activity?.SetTag("authevents.stored", result.NewEvents.Count);
            feed.Publish(result.NewEvents, result.Quarantined);
            foreach (var stored in result.NewEvents.GroupBy(e => e.Source))
            {
                storeMetrics?.Stored(stored.Key, stored.Count());
            }

            foreach (var quarantined in normalized.Where(n => n.Event is null).GroupBy(n => n.Source))
            {
                storeMetrics?.Quarantined(quarantined.Key, quarantined.Count());
            }

            ingestMetrics?.InboxBacklog(normalized.Count < BatchSize ? 0 : await inbox.CountPendingAsync(cancellationToken).ConfigureAwait(false));
            LogBatch(logger, normalized.Count, result.NewEvents.Count, result.Duplicates, result.Quarantined);
            return normalized.Count;
        }
        finally
        {
            activity?.Dispose();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var taken = await _retry.ExecuteAsync(async token => await ProcessOnceAsync(token).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
                if (taken < BatchSize)
                {
                    await signal.WaitAsync(IdleWait, time, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<IReadOnlyList<NormalizedInboxRecord>> NormalizeAllAsync(IReadOnlyList<InboxRecord> rows, CancellationToken cancellationToken)
    {
        var normalized = new List<NormalizedInboxRecord>(rows.Count);
        foreach (var row in rows)
        {
            normalized.Add(await NormalizeAsync(row, cancellationToken).ConfigureAwait(false));
        }

        return normalized;
    }

    private async Task<NormalizedInboxRecord> NormalizeAsync(InboxRecord row, CancellationToken cancellationToken)
    {
        string payload;
        try
        {
            payload = protector.Unprotect(row.Payload);
        }
        catch (CryptographicException)
        {
            return Rejected(row, "stored payload could not be decrypted (was Storage:PayloadKey changed?)");
        }

        if (row.PayloadFormat != PayloadFormats.Json)
        {
            if (!_decoders.TryGetValue(row.PayloadFormat, out var decoder))
            {
                return Rejected(row, $"no decoder for payload format '{row.PayloadFormat}' (for Login.gov SETs: configure Sources:LoginGov:PrivateKeyPath)");
            }

            var decoded = await decoder.DecodeAsync(row.Source, row.ProviderEventId, payload, cancellationToken).ConfigureAwait(false);
            if (!decoded.IsSuccess)
            {
                return Rejected(row, decoded.FailureReason ?? "not decoded");
            }

            payload = decoded.Json!;
        }

        if (!_normalizers.TryGetValue(row.Source, out var normalizer))
        {
            return Rejected(row, $"no normalizer for source {row.Source}");
        }

        NormalizationResult result;
        try
        {
            result = normalizer.Normalize(new RawRecord(row.Source, row.Tenant, row.ProviderEventId, payload, new DateTimeOffset(row.ReceivedAtTicks, TimeSpan.Zero)));
        }
#pragma warning disable CA1031 // A normalizer bug on one record quarantines that record; the pipeline keeps going.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Rejected(row, $"normalizer failed: {ex.GetType().Name}");
        }

        return result.Event is { } e
            ? new NormalizedInboxRecord(row.Id, row.Source, row.ProviderEventId, row.IsDemo, e, null)
            : Rejected(row, result.RejectionReason ?? "rejected");
    }

    private static NormalizedInboxRecord Rejected(InboxRecord row, string reason) =>
        new(row.Id, row.Source, row.ProviderEventId, row.IsDemo, null, reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Inbox batch: {Taken} taken, {Stored} stored, {Duplicates} duplicates, {Quarantined} quarantined")]
    private static partial void LogBatch(ILogger logger, int taken, int stored, int duplicates, int quarantined);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox processing failed ({ExceptionType}); attempt {Failures}, retrying in {Delay}")]
    private static partial void LogIterationFailed(ILogger logger, string exceptionType, int failures, TimeSpan delay);
}
