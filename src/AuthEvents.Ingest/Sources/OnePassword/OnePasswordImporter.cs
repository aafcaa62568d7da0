using AuthEvents.Core.Events;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Ingest.Telemetry;
using AuthEvents.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthEvents.Ingest.Sources.OnePassword;

/// <summary>
/// Pulls 1Password sign-in attempts. Each page's items are written to the inbox in the same transaction as the cursor
/// that follows them, so after a crash the importer resumes from a cursor that never claims more than was stored
/// (a replayed page is deduplicated on <c>uuid</c>). Follows <c>has_more</c> at once, otherwise waits the poll interval.
/// </summary>
public sealed partial class OnePasswordImporter(
    OnePasswordClient client,
    InboxWriter writer,
    InboxStore inbox,
    IOptions<OnePasswordSourceOptions> options,
    IngestMetrics metrics,
    TimeProvider time,
    ILogger<OnePasswordImporter> logger,
    AuthEvents.Store.Leases.SourceLeases? leases = null) : PollingSource(EventSource.OnePassword, inbox, metrics, time, logger, leases)
{
    private readonly TimeSpan _pollInterval = options.Value.PollInterval;
    private string? _cursor;
    private bool _cursorLoaded;

    protected override TimeSpan PollInterval => _pollInterval;

    /// <summary>One request and its durable write: zero when the server has more, else the poll interval.</summary>
    public override async Task<TimeSpan> PollOnceAsync(CancellationToken cancellationToken)
    {
        if (!_cursorLoaded)
        {
            _cursor = (await Inbox.GetSourceStateAsync(EventSource.OnePassword, cancellationToken).ConfigureAwait(false))?.Cursor;
            _cursorLoaded = true;
        }

        var page = await client.FetchAsync(_cursor, cancellationToken).ConfigureAwait(false);
        var receivedAt = Time.GetUtcNow();
        var records = page.Items.Select(item => new InboundRecord(EventSource.OnePassword, item, receivedAt, IsDemo: false)).ToList();
        var result = await writer.WriteAsync(records, EventSource.OnePassword, state =>
        {
            state.Cursor = page.Cursor;
            state.LastAttemptAtTicks = receivedAt.UtcTicks;
            state.LastSuccessAtTicks = receivedAt.UtcTicks;
            state.ConsecutiveFailures = 0;
            state.LastError = null;
        }, cancellationToken).ConfigureAwait(false);

        _cursor = page.Cursor;
        LogPage(page.Items.Count, result.Added, result.Duplicates, page.HasMore);
        return page.HasMore ? TimeSpan.Zero : _pollInterval;
    }

    // The stored cursor is the truth: read it again rather than trust one kept across a failure.
    protected override void OnPollFailed() => _cursorLoaded = false;

    [LoggerMessage(Level = LogLevel.Debug, Message = "1Password page: {Items} items, {Added} new, {Duplicates} already stored, more: {HasMore}")]
    private partial void LogPage(int items, int added, int duplicates, bool hasMore);
}
