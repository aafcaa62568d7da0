using Polly;
using Polly.Retry;

namespace AuthEvents.Ingest.Pipeline;

/// <summary>
/// The retry of the background loops that must not stop on a failure (the inbox processor, the alert evaluator): any
/// exception but cancellation is retried, with jittered exponential backoff from 1 s to 30 s on <see cref="TimeProvider"/>,
/// for as long as it fails.
/// </summary>
public static class RetryForever
{
    /// <summary>The pipeline; <paramref name="onRetry"/> hears each failure (its exception, attempt number and delay).</summary>
    public static ResiliencePipeline Create(TimeProvider time, Action<Exception?, int, TimeSpan> onRetry)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(onRetry);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(30),
                OnRetry = args =>
                {
                    onRetry(args.Outcome.Exception, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}
