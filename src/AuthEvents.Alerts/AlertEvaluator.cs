using System.Threading.Channels;
using AuthEvents.Ingest.Feed;
using AuthEvents.Store.Alerts;
using AuthEvents.Store.Leases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;

namespace AuthEvents.Alerts;

/// <summary>
/// Runs the rules on every node after its own commits (<see cref="EventFeed.Committed"/>) and every
/// <see cref="CatchUpInterval"/>, so a missed signal, another node's events or a restart are caught up from the cursors.
/// Rules run outside the commit: a failing rule never holds up or rolls back ingest, and is retried with backoff.
/// </summary>
public sealed partial class AlertEvaluator(
    AlertEngine engine,
    AlertRuleSet rules,
    EventFeed feed,
    NodeIdentity node,
    TimeProvider time,
    ILogger<AlertEvaluator> logger) : BackgroundService
{
    /// <summary>How often the evaluator looks for events without a signal.</summary>
    public static readonly TimeSpan CatchUpInterval = TimeSpan.FromSeconds(5);

    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private ResiliencePipeline? _retryPipeline;

    // Built on first use: its callback records the failure on this instance.
    private ResiliencePipeline Retry => _retryPipeline ??= AuthEvents.Ingest.Pipeline.RetryForever.Create(time, (error, attempt, delay) =>
    {
        LastFailure = error?.GetType().Name ?? "";
        LastFailureAt = time.GetUtcNow();
        LogRunFailed(logger, LastFailure, attempt, delay);
    });

    /// <summary>When the evaluator last caught up with the store; null before its first run.</summary>
    public DateTimeOffset? LastCaughtUpAt { get; private set; }

    /// <summary>The error type of the last failed run (no message: it may quote data); null when none failed.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>When the last run failed.</summary>
    public DateTimeOffset? LastFailureAt { get; private set; }

    /// <summary>Raised after each run that read events, with what it did (on the evaluator's thread; handlers must not block).</summary>
    public event Action<AlertRunResult>? Evaluated;

    /// <summary>Prepares the rules' state for this node's settings (<see cref="AlertEngine.PrepareAsync"/>).</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var started = await engine.PrepareAsync(rules.Enabled, rules.Disabled, node.Id, cancellationToken).ConfigureAwait(false);
        foreach (var id in started)
        {
            LogRuleStarted(logger, id);
        }
    }

    /// <summary>Evaluates until no event is left after the cursors; returns the events read.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        var read = 0;
        AlertRunResult run;
        do
        {
            run = await engine.EvaluateAsync(rules.Enabled, cancellationToken).ConfigureAwait(false);
            read += run.Read;
            if (run.Read > 0)
            {
                if (run.Opened > 0)
                {
                    LogOpened(logger, run.Opened, run.Cursor);
                }

                feed.PublishAlerts(run.Changed.Count);
                Evaluated?.Invoke(run);
            }
        }
        while (run.More);
        LastCaughtUpAt = time.GetUtcNow();
        return read;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (rules.Enabled.Count == 0)
        {
            await Retry.ExecuteAsync(async token => await PrepareAsync(token).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
            return;
        }

        feed.Committed += OnCommitted;
        try
        {
            await Retry.ExecuteAsync(async token => await PrepareAsync(token).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                await Retry.ExecuteAsync(async token => await CatchUpAsync(token).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
                await WaitAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            feed.Committed -= OnCommitted;
        }
    }

    private void OnCommitted(FeedUpdate update)
    {
        // Its own alert announcements come back through the same event: only stored events are work.
        if (update.HasEvents)
        {
            _signal.Writer.TryWrite(true);
        }
    }

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(CatchUpInterval, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await _signal.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert rule {Rule} starts live from the newest stored event (new or changed settings)")]
    private static partial void LogRuleStarted(ILogger logger, string rule);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Opened} alert(s) opened, evaluated through event {Cursor}")]
    private static partial void LogOpened(ILogger logger, int opened, long cursor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert evaluation failed ({Error}); attempt {Attempt} in {Delay}")]
    private static partial void LogRunFailed(ILogger logger, string error, int attempt, TimeSpan delay);
}
