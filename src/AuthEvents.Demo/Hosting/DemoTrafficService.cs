using System.Threading.Channels;
using AuthEvents.Core.Events;
using AuthEvents.Demo.LoginGov;
using AuthEvents.Demo.OnePassword;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Ingest.Sources;
using AuthEvents.Ingest.Sources.Entrust;
using AuthEvents.Ingest.Sources.FusionAuth;
using AuthEvents.Ingest.Sources.LoginGov;
using AuthEvents.Store.Queries;
using Microsoft.Extensions.Options;

namespace AuthEvents.Demo.Hosting;

/// <summary>
/// Runs the built-in simulator in demo mode and hands what it produces to the simulated providers, so that demo traffic
/// travels the real transports: Login.gov SETs and 1Password sign-in attempts wait in <see cref="DemoLoginGovProvider"/>
/// and <see cref="DemoOnePasswordProvider"/> for the importers to poll; Entrust and FusionAuth events are POSTed, signed,
/// to the dashboard's own webhook receivers by <see cref="DemoWebhookSender"/>. Only simulated sources are fed: one
/// configured for real keeps its own traffic.
/// </summary>
/// <remarks>
/// A history is produced at start, then one step a second. The pulled sources' history goes through their transports
/// (the importers take it a thousand at a time). The pushed sources' history does not: webhooks carry one event per
/// request, each its own durable write, and some ten thousand of them took minutes on a busy two-core machine. It is
/// written to the inbox in large batches instead, after the checks the receivers make on a signed body (Entrust: a
/// JSON object; FusionAuth: the envelope, with the user profile reduced), so it is stored exactly as they would store it.
/// </remarks>
public sealed partial class DemoTrafficService(
    IOptions<DemoOptions> options,
    IOptions<FusionAuthSourceOptions> fusionAuth,
    SimulatedSources simulated,
    InboxWriter inbox,
    DemoLoginGovProvider loginGov,
    DemoOnePasswordProvider onePassword,
    DemoWebhookSender webhooks,
    DemoNetwork network,
    EventQueries events,
    TimeProvider time,
    ILogger<DemoTrafficService> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private const int LiveSenders = 2;
    private const int HistoryChunk = 1000;
    private int _historyStored;

    /// <summary>Entrust and FusionAuth history events written to the inbox at start.</summary>
    public int HistoryWebhooksStored => Volatile.Read(ref _historyStored);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var start = time.GetUtcNow();
        // A new seed per run: ids derive from the seed, and a restart must not replay ids the store already holds.
        var generator = new DemoTrafficGenerator(new DemoTrafficOptions
        {
            Seed = unchecked(settings.Seed ^ (int)start.ToUnixTimeSeconds()),
            EventsPerSecond = settings.EventsPerSecond,
            MalformedShare = settings.MalformedShare,
            LoginGovAudience = DemoCredentials.LoginGovIssuer,
            LoginGovIssuer = LoginGovSetDecoderProvider.NormalizeIssuer(DemoNetwork.LoginGovBaseUrl),
        });
        var historyFrom = HistoryStart(start, settings.Backfill, await NewestDemoEventAtAsync(stoppingToken));
        LogStarted(logger, settings.EventsPerSecond, Math.Round((start - historyFrom).TotalMinutes), string.Join(", ", simulated.All));

        var live = Channel.CreateUnbounded<SimulatedDelivery>(new UnboundedChannelOptions { SingleWriter = true });
        Task sending = Task.CompletedTask;
        Task backfill = Task.CompletedTask;
        try
        {
            var history = new List<SimulatedDelivery>();
            Publish(generator.Backfill(historyFrom, start), history.Add);
            sending = SendWebhooksAsync(live.Reader, stoppingToken);
            // Beside the live stream, not before it: a first start shows live traffic at once.
            backfill = WriteWebhookHistoryAsync(history, start, stoppingToken);
            using var timer = new PeriodicTimer(Tick, time);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Publish(generator.Advance(time.GetUtcNow()), d => live.Writer.TryWrite(d));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            live.Writer.TryComplete();
        }

        try
        {
            await Task.WhenAll(sending, backfill).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Where the simulated history starts: the backfill span before now, or, on a restart over a store that already
    /// holds demo traffic, where that traffic stopped. Restarts fill the gap instead of adding another span of history
    /// on top of the one already stored, which doubled the recent figures after each restart.
    /// </summary>
    public static DateTimeOffset HistoryStart(DateTimeOffset now, TimeSpan backfill, DateTimeOffset? newestStored) =>
        newestStored is { } newest && newest > now - backfill ? (newest < now ? newest : now) : now - backfill;

    private async Task<DateTimeOffset?> NewestDemoEventAtAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await events.NewestDemoEventAtAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            // Unreadable store: the full span, as on a first start.
            return null;
        }
    }

    private void Publish(IReadOnlyList<SimulatedDelivery> deliveries, Action<SimulatedDelivery> webhook)
    {
        foreach (var delivery in deliveries.Where(d => simulated.Contains(d.Source)))
        {
            switch (delivery.Source)
            {
                case EventSource.LoginGov:
                    loginGov.Publish(delivery.Payload);
                    break;
                case EventSource.OnePassword:
                    onePassword.Publish(delivery.Payload, delivery.OccurredAt);
                    break;
                default:
                    webhook(delivery);
                    break;
            }
        }
    }

    private async Task SendWebhooksAsync(ChannelReader<SimulatedDelivery> live, CancellationToken cancellationToken)
    {
        if (!simulated.Contains(EventSource.Entrust) && !simulated.Contains(EventSource.FusionAuth))
        {
            return;
        }

        try
        {
            await network.DashboardAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            LogWebhooksOff(logger, ex.Message);
            await foreach (var _ in live.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
            }

            return;
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, LiveSenders).Select(async _ =>
            {
                await foreach (var delivery in live.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    await SendAsync(delivery, cancellationToken).ConfigureAwait(false);
                }
            })).ConfigureAwait(false);
        }
        finally
        {
            LogStopped(logger, webhooks.Accepted, webhooks.Refused, webhooks.Failed);
        }
    }

    private async Task WriteWebhookHistoryAsync(List<SimulatedDelivery> history, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        foreach (var chunk in history.Chunk(HistoryChunk))
        {
            foreach (var bySource in chunk.GroupBy(d => d.Source))
            {
                var records = bySource.Select(d => AsReceived(d, now)).OfType<InboundRecord>().ToList();
                try
                {
                    var result = await inbox.WriteAsync(records, bySource.Key, state =>
                    {
                        state.LastSuccessAtTicks = now.UtcTicks;
                        state.LastAttemptAtTicks = now.UtcTicks;
                        state.ConsecutiveFailures = 0;
                        state.LastError = null;
                    }, cancellationToken).ConfigureAwait(false);
                    Interlocked.Add(ref _historyStored, result.Added);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // A store that is briefly unavailable costs this part of the history, not the demo.
                    LogHistoryFailed(logger, bySource.Key, records.Count, ex.GetType().Name);
                }
            }
        }

        LogHistoryWritten(logger, HistoryWebhooksStored, time.GetElapsedTime(started));
    }

    // The record the receiver would have stored for this body, received shortly after it happened; null where the
    // receiver would have answered 400 (the simulator's damaged bodies).
    private InboundRecord? AsReceived(SimulatedDelivery delivery, DateTimeOffset now)
    {
        var received = delivery.OccurredAt.AddMilliseconds(350) is var r && r < now ? r : now;
        if (delivery.Source == EventSource.Entrust)
        {
            return EntrustWebhookBody.IsJsonObject(delivery.Payload, out _) ? new InboundRecord(delivery.Source, delivery.Payload, received, IsDemo: true) : null;
        }

        var (body, _) = FusionAuthWebhookBody.Minimize(delivery.Payload, received, fusionAuth.Value.FreshnessWindow);
        return body is null ? null : new InboundRecord(delivery.Source, body, received, IsDemo: true);
    }

    private async Task SendAsync(SimulatedDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            await webhooks.SendAsync(delivery, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // One delivery that cannot be sent (the client's own timeout, say) must not end the demo stream.
            LogSendFailed(logger, delivery.Source, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo traffic on: about {EventsPerSecond} simulated events/s after {BackfillMinutes} minutes of history (the gap since the last run, at most the backfill span), through the real transports of {Sources}")]
    private static partial void LogStarted(ILogger logger, double eventsPerSecond, double backfillMinutes, string sources);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo webhooks are off: {Reason}")]
    private static partial void LogWebhooksOff(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo history: {Count} Entrust and FusionAuth events written in {Elapsed}")]
    private static partial void LogHistoryWritten(ILogger logger, int count, TimeSpan elapsed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo webhooks stopped: {Accepted} accepted, {Refused} refused (damaged on purpose), {Failed} given up")]
    private static partial void LogStopped(ILogger logger, long accepted, long refused, long failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo history: {Count} {Source} events could not be written ({ExceptionType})")]
    private static partial void LogHistoryFailed(ILogger logger, EventSource source, int count, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo {Source} webhook could not be sent ({ExceptionType})")]
    private static partial void LogSendFailed(ILogger logger, EventSource source, string exceptionType);
}
