using AuthEvents.Ingest.Sources;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace AuthEvents.Tests.Support;

/// <summary>An importer's HttpClient as the host builds it: the product's resilience pipeline on the given clock.</summary>
public static class TestSourceHttpClient
{
    public static HttpClient Create(TimeProvider time, TimeSpan requestTimeout, Func<DateTimeOffset, TimeSpan>? rateLimitDelay = null, HttpMessageHandler? inner = null)
    {
        var pipeline = SourceResilience.Configure(new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }, requestTimeout, time, rateLimitDelay);
        return new HttpClient(new ResilienceHandler(pipeline.Build()) { InnerHandler = inner ?? new SocketsHttpHandler() }) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
