using AuthEvents.Core.Events;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Store;
using Microsoft.Extensions.Hosting;
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
    TimeProvider time,
    ILogger<OnePasswordImporter> logger) : BackgroundService
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    private readonly TimeSpan _pollInterval = options.Value.PollInterval;
    private int _consecutiveFailures;
    private string? _cursor;
    private bool _cursorLoaded;

    /// <summary>
    /// One request and its durable write. Returns how long to wait before the next: zero when the server has more,
    /// the poll interval when caught up, a backoff after a failure (which is recorded, without secrets).
    /// </summary>
    public async Task<TimeSpan> PollOnceAsync(CancellationToken cancellationToken)
    {
        if (!_cursorLoaded)
        {
            _cursor = (await inbox.GetSourceStateAsync(EventSource.OnePassword, cancellationToken).ConfigureAwait(false))?.Cursor;
            _cursorLoaded = true;
        }

        OnePasswordPage page;
        try
        {
            page = await client.FetchAsync(_cursor, cancellationToken).ConfigureAwait(false);
        }
        catch (OnePasswordApiException ex)
        {
            _consecutiveFailures++;
            var delay = DelayAfter(ex);
            LogFailure(ex.Kind, _consecutiveFailures, delay, ex.Message);
            await inbox.RecordFailureAsync(EventSource.OnePassword, ex.Message, cancellationToken).ConfigureAwait(false);
            return delay;
        }

        var receivedAt = time.GetUtcNow();
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
        _consecutiveFailures = 0;
        LogPage(page.Items.Count, result.Added, result.Duplicates, page.HasMore);
        return page.HasMore ? TimeSpan.Zero : _pollInterval;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                delay = await PollOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // One bad iteration (a store hiccup) must not stop the importer; it is logged and retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _consecutiveFailures++;
                delay = Backoff(_consecutiveFailures);
                _cursorLoaded = false;
                LogUnexpected(ex.GetType().Name, _consecutiveFailures, delay);
            }

            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>2 s, 4 s, 8 s … up to five minutes.</summary>
    public static TimeSpan Backoff(int consecutiveFailures)
    {
        var exponent = Math.Clamp(consecutiveFailures - 1, 0, 20);
        var delay = FirstBackoff * Math.Pow(2, exponent);
        return delay < MaxBackoff ? delay : MaxBackoff;
    }

    private TimeSpan DelayAfter(OnePasswordApiException ex)
    {
        if (ex.Kind != OnePasswordFailureKind.RateLimited)
        {
            // 400 and 401 need an operator; retrying slowly lets a fixed token or server recover without a restart.
            return ex.Kind is OnePasswordFailureKind.BadRequest or OnePasswordFailureKind.Unauthorized ? MaxBackoff : Backoff(_consecutiveFailures);
        }

        if (ex.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero)
        {
            return retryAfter;
        }

        // No Retry-After is documented: the per-minute window resets on the minute.
        var now = time.GetUtcNow();
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        return minute.AddMinutes(1) - now;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "1Password page: {Items} items, {Added} new, {Duplicates} already stored, more: {HasMore}")]
    private partial void LogPage(int items, int added, int duplicates, bool hasMore);

    [LoggerMessage(Level = LogLevel.Warning, Message = "1Password poll failed ({Kind}, {Failures} in a row); retrying in {Delay}: {Reason}")]
    private partial void LogFailure(OnePasswordFailureKind kind, int failures, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "1Password importer iteration failed ({ErrorType}, {Failures} in a row); retrying in {Delay}")]
    private partial void LogUnexpected(string errorType, int failures, TimeSpan delay);
}
