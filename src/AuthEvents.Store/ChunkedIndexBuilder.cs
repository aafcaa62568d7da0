using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Store;

/// <summary>
/// Brings a derived index up to date in the background, one chunk per call of <see cref="NextChunkAsync"/>, after start-up
/// found it behind (the journey index, the free-text backfill): the dashboard serves meanwhile. A failed chunk is logged
/// by its exception type and retried; a stop leaves the rest to the next start, which carries on from the last chunk.
/// </summary>
public abstract partial class ChunkedIndexBuilder(TimeProvider time, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>The index's name in the log, e.g. "Journey index".</summary>
    protected abstract string IndexName { get; }

    /// <summary>What stays partial until the index is complete, for the log's first line.</summary>
    protected abstract string PartialUntilDone { get; }

    /// <summary>Events indexed so far and events to index in all; building while the first is below the second.</summary>
    protected abstract Task<(long Indexed, long Total)> ProgressAsync(CancellationToken cancellationToken);

    /// <summary>Indexes the next chunk and returns the progress after it.</summary>
    protected abstract Task<(long Indexed, long Total)> NextChunkAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        (long Indexed, long Total) progress;
        try
        {
            progress = await ProgressAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        if (progress.Indexed >= progress.Total)
        {
            return;
        }

        LogStarted(logger, IndexName, progress.Total - progress.Indexed, progress.Total, PartialUntilDone);
        var started = time.GetTimestamp();
        var reported = started;
        var first = progress.Indexed;
        while (progress.Indexed < progress.Total)
        {
            try
            {
                progress = await NextChunkAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
                LogFailed(logger, IndexName, ex.GetType().Name);
                await Task.Delay(RetryAfter, time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (time.GetElapsedTime(reported) >= ReportEvery)
            {
                reported = time.GetTimestamp();
                LogProgress(logger, IndexName, progress.Indexed, progress.Total, progress.Total <= 0 ? 100 : 100.0 * progress.Indexed / progress.Total);
            }
        }

        LogFinished(logger, IndexName, progress.Indexed - first, time.GetElapsedTime(started).TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Index}: indexing {Remaining} of {Total} stored events in the background; {Partial} until it finishes")]
    private static partial void LogStarted(ILogger logger, string index, long remaining, long total, string partial);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Index}: {Indexed} of {Total} events ({Percent:F0} %)")]
    private static partial void LogProgress(ILogger logger, string index, long indexed, long total, double percent);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Index}: {Indexed} events indexed in {Seconds:F0} s")]
    private static partial void LogFinished(ILogger logger, string index, long indexed, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Index}: a chunk failed ({Error}); retrying")]
    private static partial void LogFailed(ILogger logger, string index, string error);
}
