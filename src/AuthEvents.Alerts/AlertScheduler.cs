using AuthEvents.Ingest.Feed;
using AuthEvents.Store.Alerts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Alerts;

/// <summary>
/// Runs the scheduled minute (<see cref="AlertSchedule"/>) at the start of every minute on every node; the first node to
/// take the alert lock does it, the others find it done. A failed minute is logged and the next one tries again.
/// </summary>
public sealed partial class AlertScheduler(
    AlertSchedule schedule,
    AlertRuleSet rules,
    AlertSources sources,
    EventFeed feed,
    TimeProvider time,
    ILogger<AlertScheduler> logger) : BackgroundService
{
    /// <summary>Raised after each minute this node ran (on the scheduler's thread; handlers must not block).</summary>
    public event Action<AlertScheduleResult>? Ran;

    /// <summary>Runs the current minute now.</summary>
    public async Task<AlertScheduleResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var result = await schedule.RunAsync(rules.Enabled, sources.Current, cancellationToken).ConfigureAwait(false);
        if (result.Opened > 0 || result.Resolved > 0)
        {
            LogMinute(logger, result.Opened, result.Resolved);
        }

        feed.PublishAlerts(result.Changed.Count);
        Ran?.Invoke(result);
        return result;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = TimeSpan.FromTicks(TimeSpan.TicksPerMinute - (now.UtcTicks % TimeSpan.TicksPerMinute));
            try
            {
                await Task.Delay(next, time, stoppingToken).ConfigureAwait(false);
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed minute must not stop the next ones; the error type is logged.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(logger, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled alert rules: {Opened} opened, {Resolved} resolved")]
    private static partial void LogMinute(ILogger logger, int opened, int resolved);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled alert minute failed ({Error}); the next minute tries again")]
    private static partial void LogFailed(ILogger logger, string error);
}
