using System.Threading.Channels;
using AuthEvents.Core.Events;
using AuthEvents.Core.Simulation;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Ingest.Sources.LoginGov;
using Microsoft.Extensions.Options;

namespace AuthEvents.Web.Hosting.Demo;

/// <summary>
/// Runs the built-in simulator in demo mode and hands what it produces to the simulated providers, so that demo traffic
/// travels the real transports: Login.gov SETs and 1Password sign-in attempts wait in <see cref="DemoLoginGovProvider"/>
/// and <see cref="DemoOnePasswordProvider"/> for the importers to poll; Entrust and FusionAuth events are POSTed, signed,
/// to the dashboard's own webhook receivers by <see cref="DemoWebhookSender"/>. A short history is produced at start
/// (all of it published at once, its webhooks sent a few at a time beside the live stream), then one step a second.
/// Only simulated sources are fed: one configured for real keeps its own traffic.
/// </summary>
public sealed partial class DemoTrafficService(
    IOptions<DemoOptions> options,
    SimulatedSources simulated,
    DemoLoginGovProvider loginGov,
    DemoOnePasswordProvider onePassword,
    DemoWebhookSender webhooks,
    DemoNetwork network,
    TimeProvider time,
    ILogger<DemoTrafficService> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private const int HistorySenders = 4;
    private const int LiveSenders = 2;

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
        LogStarted(logger, settings.EventsPerSecond, settings.Backfill, string.Join(", ", simulated.All));

        var live = Channel.CreateUnbounded<SimulatedDelivery>(new UnboundedChannelOptions { SingleWriter = true });
        Task sending = Task.CompletedTask;
        try
        {
            var history = new List<SimulatedDelivery>();
            Publish(generator.Backfill(start - settings.Backfill, start), history.Add);
            sending = SendWebhooksAsync(history, live.Reader, stoppingToken);
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
            await sending.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
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

    private async Task SendWebhooksAsync(List<SimulatedDelivery> history, ChannelReader<SimulatedDelivery> live, CancellationToken cancellationToken)
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

        var backfill = SendHistoryAsync(history, cancellationToken);
        var stream = Enumerable.Range(0, LiveSenders).Select(async _ =>
        {
            await foreach (var delivery in live.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await SendAsync(delivery, cancellationToken).ConfigureAwait(false);
            }
        });
        await Task.WhenAll([backfill, .. stream]).ConfigureAwait(false);
        LogStopped(logger, webhooks.Accepted, webhooks.Refused, webhooks.Failed);
    }

    private async Task SendHistoryAsync(List<SimulatedDelivery> history, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = HistorySenders, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(history, parallel, async (delivery, ct) => await SendAsync(delivery, ct).ConfigureAwait(false)).ConfigureAwait(false);
        LogHistorySent(logger, history.Count, time.GetElapsedTime(started));
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo traffic on: about {EventsPerSecond} simulated events/s after a {Backfill} backfill, through the real transports of {Sources}")]
    private static partial void LogStarted(ILogger logger, double eventsPerSecond, TimeSpan backfill, string sources);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo webhooks are off: {Reason}")]
    private static partial void LogWebhooksOff(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo history: {Count} webhooks sent in {Elapsed}")]
    private static partial void LogHistorySent(ILogger logger, int count, TimeSpan elapsed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo webhooks stopped: {Accepted} accepted, {Refused} refused (damaged on purpose), {Failed} given up")]
    private static partial void LogStopped(ILogger logger, long accepted, long refused, long failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo {Source} webhook could not be sent ({ExceptionType})")]
    private static partial void LogSendFailed(ILogger logger, EventSource source, string exceptionType);
}
