using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace AuthEvents.Ingest.Sources;

/// <summary>
/// The resilience pipeline of every importer's HttpClient: each attempt is cut off after the source's request timeout,
/// and a transient failure (network error, timeout, 408, 429, 5xx) is retried up to <see cref="MaxRetryAttempts"/>
/// times with jittered exponential backoff, or after the server's <c>Retry-After</c> when it sends one. Delays and
/// timeouts run on the registered <see cref="TimeProvider"/>.
/// </summary>
public static class SourceResilience
{
    public const int MaxRetryAttempts = 3;
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Adds the pipeline to <paramref name="builder"/>. <paramref name="rateLimitDelay"/>, when given, says how long to
    /// wait after a 429 that carries no <c>Retry-After</c>, from the current time.
    /// </summary>
    public static IHttpClientBuilder AddSourceResilience(
        this IHttpClientBuilder builder, Func<IServiceProvider, TimeSpan> attemptTimeout, Func<DateTimeOffset, TimeSpan>? rateLimitDelay = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(attemptTimeout);
        builder.AddResilienceHandler("source", (pipeline, context) =>
            Configure(pipeline, attemptTimeout(context.ServiceProvider), context.ServiceProvider.GetRequiredService<TimeProvider>(), rateLimitDelay));
        return builder;
    }

    /// <summary>Configures <paramref name="pipeline"/> as <see cref="AddSourceResilience"/> does (tests build their HttpClient with it).</summary>
    public static ResiliencePipelineBuilder<HttpResponseMessage> Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> pipeline, TimeSpan attemptTimeout, TimeProvider time, Func<DateTimeOffset, TimeSpan>? rateLimitDelay = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(time);
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = MaxRetryAttempts,
            Delay = FirstRetryDelay,
            MaxDelay = MaxRetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldRetryAfterHeader = true,
        };
        if (rateLimitDelay is not null && retry.DelayGenerator is { } fromHeader)
        {
            retry.DelayGenerator = async args => await fromHeader(args).ConfigureAwait(false)
                ?? (args.Outcome.Result is { StatusCode: System.Net.HttpStatusCode.TooManyRequests } ? rateLimitDelay(time.GetUtcNow()) : null);
        }

        return pipeline.AddRetry(retry).AddTimeout(attemptTimeout);
    }
}
