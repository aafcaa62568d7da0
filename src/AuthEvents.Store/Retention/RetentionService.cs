using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthEvents.Store.Retention;

/// <summary>
/// Runs <see cref="RetentionPurger"/> at start-up and then every <see cref="RetentionOptions.Interval"/>, with the cutoff
/// <see cref="RetentionOptions.Events"/> before now. Does nothing and ends at once when that is not set. A failed run is
/// logged and tried again at the next interval.
/// </summary>
public sealed partial class RetentionService(
    RetentionPurger purger, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    private readonly RetentionOptions _options = options.Value;

    /// <summary>Raised after every run, successful or not (for status displays and tests).</summary>
    public event Action<RetentionRun>? RunFinished;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Events is not { } keep)
        {
            LogOff(logger);
            return;
        }

        LogOn(logger, keep, _options.Interval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(keep, stoppingToken).ConfigureAwait(false);
                await Task.Delay(_options.Interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RunOnceAsync(TimeSpan keep, CancellationToken stoppingToken)
    {
        var cutoff = time.GetUtcNow() - keep;
        var started = time.GetTimestamp();
        RetentionRun run;
        try
        {
            var deleted = await purger.PurgeAsync(cutoff, stoppingToken).ConfigureAwait(false);
            if (deleted.DeletedAnything)
            {
                LogDeleted(logger, cutoff, deleted.Events, deleted.InboxRows, deleted.QuarantineRows, deleted.RollupRows, deleted.JourneyEvents,
                    time.GetElapsedTime(started).TotalSeconds);
            }
            else
            {
                LogNothing(logger, cutoff);
            }

            run = new RetentionRun(cutoff, deleted, null);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure of a run is logged and the run retried at the next interval; the loop must not die of it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(logger, ex.GetType().Name, _options.Interval);
            run = new RetentionRun(cutoff, null, ex.GetType().Name);
        }

        try
        {
            RunFinished?.Invoke(run);
        }
#pragma warning disable CA1031 // A failing listener must not stop retention.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogListenerFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A listener to retention runs failed ({ExceptionType})")]
    private static partial void LogListenerFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention is off (Retention:Events not set): every event is kept")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention keeps events for {Keep}, checked every {Interval}")]
    private static partial void LogOn(ILogger logger, TimeSpan keep, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Events} events before {Cutoff:O}, {InboxRows} inbox rows, {QuarantineRows} quarantine rows, {RollupRows} rollup rows and {JourneyEvents} journey rows in {Seconds:F1} s")]
    private static partial void LogDeleted(ILogger logger, DateTimeOffset cutoff, long events, long inboxRows, long quarantineRows, long rollupRows, long journeyEvents, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retention found nothing before {Cutoff:O}")]
    private static partial void LogNothing(ILogger logger, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention run failed ({ExceptionType}); retrying in {Interval}")]
    private static partial void LogFailed(ILogger logger, string exceptionType, TimeSpan interval);
}
