using AuthEvents.Core.Events;
using AuthEvents.Ingest.Telemetry;
using AuthEvents.Store;
using AuthEvents.Store.Leases;
using AuthEvents.Store.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Ingest.Sources;

/// <summary>
/// The loop every pull source shares: poll, then wait what the poll asks (zero while more is waiting). A failed poll is
/// recorded for /healthz and the metrics, and the next one comes after the poll interval. Retries inside a poll (backoff,
/// <c>Retry-After</c>, per-attempt timeouts) belong to the source's HttpClient pipeline (<see cref="SourceResilience"/>),
/// so this loop keeps no backoff of its own.
/// </summary>
/// <remarks>
/// With <see cref="SourceLeases"/> (several dashboard nodes on one database), only the node holding the source's lease
/// polls: it renews the lease at least every <see cref="SourceLeases.RenewEvery"/>, also while it waits, and checks it
/// before every poll; the others ask as often and take over once a holder has stopped renewing for
/// <see cref="SourceLeases.Ttl"/>. A node that takes the lease reads the stored position again (<see cref="OnPollFailed"/>).
/// </remarks>
public abstract partial class PollingSource(EventSource source, InboxStore inbox, IngestMetrics metrics, TimeProvider time, ILogger logger, SourceLeases? leases = null)
    : BackgroundService
{
    /// <summary>The source this loop pulls.</summary>
    public EventSource Source => source;

    protected InboxStore Inbox => inbox;

    protected TimeProvider Time => time;

    /// <summary>How long to wait after a poll that found nothing more, and after a failed one.</summary>
    protected abstract TimeSpan PollInterval { get; }

    /// <summary>
    /// One poll and its durable write. Returns how long to wait before the next: zero while the provider has more.
    /// Throws when the poll or the write fails.
    /// </summary>
    public abstract Task<TimeSpan> PollOnceAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Polls once and records the outcome. Returns the wait before the next poll: the poll's own answer, or the poll
    /// interval after a failure; null when <paramref name="stoppingToken"/> stopped it.
    /// </summary>
    public async Task<TimeSpan?> RunOnceAsync(CancellationToken stoppingToken)
    {
        using var activity = AuthEventsTelemetry.Traces.StartActivity("poll");
        activity?.SetTag("authevents.source", source.ToString());
        var started = time.GetTimestamp();
        try
        {
            var wait = await PollOnceAsync(stoppingToken).ConfigureAwait(false);
            metrics.RecordPoll(source, succeeded: true, time.GetElapsedTime(started), caughtUp: wait > TimeSpan.Zero, time.GetUtcNow());
            return wait;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
        catch (SourceLeaseLostException)
        {
            // Not a failure of the source: another node pulls it now, and records its health.
            OnPollFailed();
            return TimeSpan.Zero;
        }
#pragma warning disable CA1031 // Any failed poll or write is recorded and retried; it must never end the loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            metrics.RecordPoll(source, succeeded: false, time.GetElapsedTime(started), caughtUp: false, time.GetUtcNow());
            var reason = ex is SourcePollException ? ex.Message : $"poll or store failed ({ex.GetType().Name})";
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, reason);
            LogPollFailed(logger, source, reason, PollInterval);
            OnPollFailed();
            await TryRecordFailureAsync(reason, stoppingToken).ConfigureAwait(false);
            return PollInterval;
        }
    }

    /// <summary>Forgets what a failed poll may have left stale (a cached cursor, say).</summary>
    protected virtual void OnPollFailed()
    {
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (leases is null)
        {
            while (await RunOnceAsync(stoppingToken).ConfigureAwait(false) is { } wait)
            {
                if (wait > TimeSpan.Zero && !await DelayAsync(wait, stoppingToken).ConfigureAwait(false))
                {
                    return;
                }
            }

            return;
        }

        try
        {
            await RunLeasedAsync(leases, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            // A clean stop hands the source over at once; a crash leaves it to run out.
            await TryReleaseAsync(leases).ConfigureAwait(false);
        }
    }

    private async Task RunLeasedAsync(SourceLeases leases, CancellationToken stoppingToken)
    {
        var due = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            LeaseHold hold;
            try
            {
                hold = await leases.HoldAsync(source, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The database may be down: poll nothing, ask again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogLeaseFailed(logger, source, ex.GetType().Name);
                hold = default;
            }

            if (hold.Taken)
            {
                // Another node may have moved the position on while this one was not the holder.
                OnPollFailed();
                due = time.GetUtcNow();
            }

            if (hold.Held && time.GetUtcNow() >= due)
            {
                if (await RunOnceAsync(stoppingToken).ConfigureAwait(false) is not { } wait)
                {
                    return;
                }

                due = time.GetUtcNow() + wait;
                if (wait <= TimeSpan.Zero)
                {
                    continue;
                }
            }

            var until = hold.Held ? due - time.GetUtcNow() : SourceLeases.RenewEvery;
            if (!await DelayAsync(until < SourceLeases.RenewEvery ? until : SourceLeases.RenewEvery, stoppingToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private async Task<bool> DelayAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return true;
        }

        try
        {
            await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task TryReleaseAsync(SourceLeases leases)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
            await leases.ReleaseAsync(source, timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Releasing early is a courtesy; the lease runs out anyway.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogLeaseFailed(logger, source, ex.GetType().Name);
        }
    }

    private async Task TryRecordFailureAsync(string reason, CancellationToken cancellationToken)
    {
        try
        {
            await inbox.RecordFailureAsync(source, reason, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // The store itself may be what failed; the loop still waits and polls again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRecordFailed(logger, source, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} poll failed: {Reason}; polling again in {Wait}")]
    private static partial void LogPollFailed(ILogger logger, EventSource source, string reason, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source}: the lease to pull it could not be checked ({ErrorType}); asking again")]
    private static partial void LogLeaseFailed(ILogger logger, EventSource source, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} poll failure could not be recorded ({ErrorType})")]
    private static partial void LogRecordFailed(ILogger logger, EventSource source, string errorType);
}
