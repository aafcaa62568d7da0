using AuthEvents.Core.Events;
using AuthEvents.Core.Simulation;
using AuthEvents.Ingest.Pipeline;
using Microsoft.Extensions.Options;

namespace AuthEvents.Web.Hosting;

/// <summary>
/// Runs the built-in simulator when demo mode is on: a short history on start, then a second-by-second stream.
/// Its native payloads go through the same inbox, normalizers and store as real traffic, flagged as demo.
/// </summary>
public sealed partial class DemoTrafficService(
    DemoMode demo,
    IOptions<DemoOptions> options,
    InboxWriter inbox,
    TimeProvider time,
    ILogger<DemoTrafficService> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private const int ChunkSize = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!demo.IsEnabled)
        {
            return;
        }

        var settings = options.Value;
        var start = time.GetUtcNow();
        // A new seed per run: ids derive from the seed, and a restart must not replay ids the store already holds.
        var generator = new DemoTrafficGenerator(new DemoTrafficOptions
        {
            Seed = unchecked(settings.Seed ^ (int)start.ToUnixTimeSeconds()),
            EventsPerSecond = settings.EventsPerSecond,
        });
        LogStarted(logger, settings.EventsPerSecond, settings.Backfill);

        try
        {
            // History is written beside the live stream, not before it: a first start shows live traffic at once.
            var history = generator.Backfill(start - settings.Backfill, start);
            var backfill = WriteAsync(history, stoppingToken);
            using var timer = new PeriodicTimer(Tick, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await WriteAsync(generator.Advance(time.GetUtcNow()), stoppingToken);
                }
#pragma warning disable CA1031 // One failed tick (store busy) must not end the demo stream.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    LogTickFailed(logger, ex.GetType().Name);
                }
            }

            await backfill;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WriteAsync(IReadOnlyList<SimulatedDelivery> deliveries, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Time-ordered chunks, each split by source: every source's history and position advance together,
        // so no source looks idle while a long backfill is written.
        foreach (var chunk in deliveries.OrderBy(d => d.OccurredAt).Chunk(ChunkSize))
        {
            foreach (var bySource in chunk.GroupBy(d => d.Source))
            {
                var records = bySource.Select(d => new InboundRecord(d.Source, d.Payload, Received(d.OccurredAt, now), IsDemo: true)).ToList();
                await inbox.WriteAsync(records, bySource.Key, state =>
                {
                    state.Cursor = "demo";
                    state.LastSuccessAtTicks = now.UtcTicks;
                    state.LastAttemptAtTicks = now.UtcTicks;
                    state.ConsecutiveFailures = 0;
                    state.LastError = null;
                }, cancellationToken);
            }
        }
    }

    // Backfilled history is "received" shortly after it happened, as a live feed would have received it.
    private static DateTimeOffset Received(DateTimeOffset occurred, DateTimeOffset now)
    {
        var received = occurred.AddMilliseconds(350);
        return received > now ? now : received;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo traffic on: about {EventsPerSecond} simulated events/s after a {Backfill} backfill")]
    private static partial void LogStarted(ILogger logger, double eventsPerSecond, TimeSpan backfill);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo traffic tick failed: {ExceptionType}")]
    private static partial void LogTickFailed(ILogger logger, string exceptionType);
}
