using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Core.Inbox;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Store;
using AuthEvents.Store.Entities;
using AuthEvents.Store.Queries;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthEvents.Ingest.Sources.LoginGov;

/// <summary>
/// Polls Login.gov's Attempts API (protocols §1.11). Each poll acknowledges the jtis stored by the previous one; the
/// SETs it returns are written to the inbox, as delivered JWEs, in the same transaction as the new pending acks. So
/// Login.gov is only ever acked for events already stored, and a crash between the two costs a harmless redelivery.
/// </summary>
public sealed partial class LoginGovImporter(
    LoginGovPollClient client,
    InboxWriter writer,
    InboxStore inbox,
    EventQueries queries,
    IOptions<LoginGovSourceOptions> options,
    TimeProvider time,
    ILogger<LoginGovImporter> logger) : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);
    private readonly LoginGovSourceOptions _options = options.Value;

    /// <summary>
    /// Polls once with the stored pending acks, then stores every returned SET and replaces the pending acks with
    /// exactly their jtis, in one transaction. Throws <see cref="LoginGovPollException"/> when the poll fails.
    /// </summary>
    public async Task<LoginGovPollResult> PollOnceAsync(CancellationToken cancellationToken)
    {
        var acks = await ReadPendingAcksAsync(cancellationToken).ConfigureAwait(false);
        var sets = await client.PollAsync(acks, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var issuer = _options.Issuer ?? "";
        var records = sets
            .Select(set => new InboundRecord(EventSource.LoginGov, set.Value, now, false, new InboxKey(issuer, set.Key), PayloadFormats.Jwe))
            .ToList();
        var stored = sets.Keys.ToList();
        var result = await writer.WriteAsync(records, EventSource.LoginGov, state =>
        {
            // The poll just delivered the old acks; what remains to ack is exactly what this poll returned and we stored.
            state.PendingAcks = stored.Count == 0 ? null : JsonSerializer.Serialize(stored);
            state.LastSuccessAtTicks = now.UtcTicks;
            state.LastAttemptAtTicks = now.UtcTicks;
            state.ConsecutiveFailures = 0;
            state.LastError = null;
        }, cancellationToken).ConfigureAwait(false);
        LogPolled(logger, acks.Count, sets.Count, result.Added, result.Duplicates);
        return new LoginGovPollResult(sets.Count, result.Added);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        var followUp = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var result = await PollOnceAsync(stoppingToken).ConfigureAwait(false);
                failures = 0;
                wait = NextWait(result, ref followUp);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must survive any failed poll or write; it records the failure, backs off and retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures++;
                followUp = false;
                var reason = ex is LoginGovPollException poll ? poll.Message : $"poll or store failed ({ex.GetType().Name})";
                wait = Backoff(failures);
                LogPollFailed(logger, reason, failures, wait);
                await TryRecordFailureAsync(reason, stoppingToken).ConfigureAwait(false);
            }

            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// A full batch with something new means more are waiting: poll at once. Any other non-empty batch leaves acks to
    /// deliver, so one immediate follow-up poll delivers them (and fetches what arrived meanwhile). Otherwise wait the
    /// interval; the follow-up limit keeps a deployment that ignores acks from being polled in a tight loop.
    /// </summary>
    private TimeSpan NextWait(LoginGovPollResult result, ref bool followUp)
    {
        if (result.Returned >= _options.MaxEvents && result.Added > 0)
        {
            followUp = false;
            return TimeSpan.Zero;
        }

        if (result.Returned > 0 && !followUp)
        {
            followUp = true;
            return TimeSpan.Zero;
        }

        followUp = false;
        return _options.PollInterval;
    }

    private static TimeSpan Backoff(int failures)
    {
        var factor = Math.Pow(2, Math.Min(failures - 1, 16));
        var backoff = TimeSpan.FromTicks((long)Math.Min(FirstBackoff.Ticks * factor, MaxBackoff.Ticks));
        return backoff;
    }

    private async Task<IReadOnlyList<string>> ReadPendingAcksAsync(CancellationToken cancellationToken)
    {
        var states = await queries.GetSourceStatesAsync(cancellationToken).ConfigureAwait(false);
        var pending = states.FirstOrDefault(s => s.Source == EventSource.LoginGov)?.PendingAcks;
        return string.IsNullOrEmpty(pending) ? [] : JsonSerializer.Deserialize<List<string>>(pending) ?? [];
    }

    private async Task TryRecordFailureAsync(string reason, CancellationToken cancellationToken)
    {
        try
        {
            await inbox.RecordFailureAsync(EventSource.LoginGov, reason, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // The store itself may be what failed; the loop still backs off and retries.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRecordFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Login.gov poll: {Acked} acked, {Returned} returned, {Added} new, {Duplicates} duplicates")]
    private static partial void LogPolled(ILogger logger, int acked, int returned, int added, int duplicates);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Login.gov poll failed: {Reason}; attempt {Failures}, retrying in {Backoff}")]
    private static partial void LogPollFailed(ILogger logger, string reason, int failures, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the Login.gov poll failure ({ExceptionType})")]
    private static partial void LogRecordFailed(ILogger logger, string exceptionType);
}
