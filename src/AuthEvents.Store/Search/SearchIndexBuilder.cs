using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Store.Search;

/// <summary>
/// Indexes for free text, in the background, the events stored before the index existed or before its document rules
/// changed (<see cref="SearchIndex.PrepareAsync"/> at start-up marks them), so a large store upgrades while the dashboard
/// serves: free text finds what is indexed so far and every new event meanwhile. Chunks of
/// <see cref="SearchIndex.BackfillBatch"/> events, each a turn at the store's write gate.
/// </summary>
public sealed partial class SearchIndexBuilder(
    IDbContextFactory<AuthEventsDbContext> contexts, StoreWriteGate gate, TimeProvider time, ILogger<SearchIndexBuilder> logger) : BackgroundService
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        SearchIndexProgress progress;
        try
        {
            progress = await SearchIndex.ProgressAsync(contexts, stoppingToken).ConfigureAwait(false);
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
        var first = progress.Indexed;
        while (progress.Building)
        {
            try
            {
                progress = await SearchIndex.BackfillNextAsync(contexts, gate, SearchIndex.BackfillBatch, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // The backfill carries on from its last chunk at the next start.
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

        LogFinished(logger, progress.Indexed - first, time.GetElapsedTime(started).TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index: indexing {Remaining} of {Total} stored events in the background; free text finds only the events indexed so far until it finishes")]
    private static partial void LogStarted(ILogger logger, long remaining, long total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index backfill: {Indexed} of {Total} events ({Percent:F0} %)")]
    private static partial void LogProgress(ILogger logger, long indexed, long total, double percent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index backfilled: {Indexed} events in {Seconds:F0} s")]
    private static partial void LogFinished(ILogger logger, long indexed, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search index backfill chunk failed ({Error}); retrying")]
    private static partial void LogFailed(ILogger logger, string error);
}
