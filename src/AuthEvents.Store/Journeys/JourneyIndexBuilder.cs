using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Store.Journeys;

/// <summary>
/// Rebuilds the journey index in the background after start-up found it out of date (<see cref="JourneyIndex.PrepareAsync"/>),
/// so a large store upgrades while the dashboard serves instead of before it answers. Small chunks, each a turn at the
/// store's write gate (and on PostgreSQL at every node's commit lock, so several nodes take the chunks in turn):
/// webhooks and imports keep being stored in between.
/// </summary>
public sealed partial class JourneyIndexBuilder(
    IDbContextFactory<AuthEventsDbContext> contexts, StoreWriteGate gate, TimeProvider time, ILogger<JourneyIndexBuilder> logger) : BackgroundService
{
    /// <summary>Events per chunk: well under a second of the write gate on a small machine with the batched writer.</summary>
    internal const int Chunk = 2_000;

    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        JourneyIndexProgress progress;
        try
        {
            progress = await JourneyIndex.ProgressAsync(contexts, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        if (!progress.Building)
        {
            return;
        }

        LogStarted(logger, progress.Total - progress.Indexed, progress.Total);
        var started = time.GetTimestamp();
        var reported = started;
        while (progress.Building)
        {
            try
            {
                progress = await JourneyIndex.RebuildNextAsync(contexts, gate, Chunk, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // The rebuild carries on from its last chunk at the next start.
                return;
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
                LogFailed(logger, ex.GetType().Name);
                await Task.Delay(RetryAfter, time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (time.GetElapsedTime(reported) >= ReportEvery)
            {
                reported = time.GetTimestamp();
                LogProgress(logger, progress.Indexed, progress.Total, progress.Fraction * 100);
            }
        }

        LogFinished(logger, progress.Indexed, time.GetElapsedTime(started).TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Journey index out of date: re-indexing {Remaining} of {Total} stored events in the background; funnels, people and sessions are partial until it finishes")]
    private static partial void LogStarted(ILogger logger, long remaining, long total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journey index rebuild: {Indexed} of {Total} events ({Percent:F0} %)")]
    private static partial void LogProgress(ILogger logger, long indexed, long total, double percent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journey index rebuilt: {Indexed} events in {Seconds:F0} s")]
    private static partial void LogFinished(ILogger logger, long indexed, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journey index rebuild chunk failed ({Error}); retrying")]
    private static partial void LogFailed(ILogger logger, string error);
}
