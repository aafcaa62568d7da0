using System.Net.Http.Headers;
using System.Text;
using AuthEvents.Core.Events;
using AuthEvents.Core.FusionAuth;
using AuthEvents.Core.Webhooks;
using AuthEvents.Demo.Entrust;
using AuthEvents.Demo.FusionAuth;
using Polly;
using Polly.Retry;

namespace AuthEvents.Demo.Hosting;

/// <summary>
/// The simulated Entrust and FusionAuth: POSTs each webhook to the dashboard's own receivers, signed as the provider
/// signs it (Entrust: RFC 9421 hmac-sha256 over <c>@method</c>, <c>@target-uri</c> and <c>content-digest</c>; FusionAuth:
/// an HS256 <c>X-FusionAuth-Signature-JWT</c> over the body). A 4xx is final: the receivers answer 400 to the bodies the
/// simulator damaged on purpose, and those are counted as refused. A 5xx or a failed connection is retried with a
/// backoff from 1 s up to 10 s, more patiently than the providers themselves (Entrust tries 3 times in about 6 s): a
/// store kept busy by the start-up history must not cost demo events.
/// </summary>
public sealed partial class DemoWebhookSender(
    IHttpClientFactory httpClients,
    DemoCredentials credentials,
    TimeProvider time,
    ILogger<DemoWebhookSender> logger)
{
    public const string HttpClientName = "AuthEvents.DemoWebhooks";
    public const string FusionAuthKeyId = "demo-hmac";

    /// <summary>Entrust's registered callback URL: what it calls and signs as <c>@target-uri</c>.</summary>
    public static readonly Uri EntrustCallbackUrl = new(DemoNetwork.DashboardBaseUrl, "webhooks/entrust");

    public static readonly Uri FusionAuthUrl = new(DemoNetwork.DashboardBaseUrl, "webhooks/fusionauth");

    private const int MaxAttempts = 10;

    // As the providers do: a delivery that gets no answer or a 5xx is sent again, with backoff.
    private readonly ResiliencePipeline<HttpResponseMessage> _retry = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>().HandleResult(r => (int)r.StatusCode >= 500),
            MaxRetryAttempts = MaxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(10),
        })
        .Build();
    private readonly EntrustSignatureSigner _entrust = new(credentials.EntrustWebhookToken);
    private readonly FusionAuthSignatureSigner _fusionAuth = FusionAuthSignatureSigner.ForHmac(credentials.FusionAuthSigningSecret, FusionAuthKeyId);
    private long _accepted;
    private long _refused;
    private long _failed;

    /// <summary>Deliveries the receiver answered with 2xx.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Deliveries the receiver answered with 4xx (the simulator's damaged bodies).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Deliveries given up after every attempt failed.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Sends one Entrust or FusionAuth delivery, with retries. Returns whether the receiver accepted it.</summary>
    public async Task<bool> SendAsync(SimulatedDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        int? status = null;
        try
        {
            using var response = await _retry.ExecuteAsync(async token =>
            {
                // Signed anew for every attempt, with its own created time, as Entrust does.
                using var request = Request(delivery.Source, body);
                return await httpClients.CreateClient(HttpClientName).SendAsync(request, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // No answer on any attempt.
        }

        if (status is >= 200 and < 300)
        {
            Interlocked.Increment(ref _accepted);
            return true;
        }

        if (status is >= 400 and < 500)
        {
            Interlocked.Increment(ref _refused);
            if (!delivery.IsMalformed)
            {
                LogRefused(logger, delivery.Source, status.Value);
            }

            return false;
        }

        Interlocked.Increment(ref _failed);
        LogGaveUp(logger, delivery.Source, MaxAttempts, status);
        return false;
    }

    private HttpRequestMessage Request(EventSource source, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, source == EventSource.Entrust ? EntrustCallbackUrl : FusionAuthUrl)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (source == EventSource.Entrust)
        {
            // Signed anew for every attempt, with its own created time, as Entrust does.
            foreach (var (name, value) in _entrust.Sign(EntrustCallbackUrl.AbsoluteUri, body, time.GetUtcNow()))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        else
        {
            request.Headers.TryAddWithoutValidation(FusionAuthSignatureVerifier.HeaderName, _fusionAuth.Sign(body));
        }

        return request;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo {Source} webhook refused by the dashboard with {Status}")]
    private static partial void LogRefused(ILogger logger, EventSource source, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo {Source} webhook given up after {Attempts} attempts (last status {Status})")]
    private static partial void LogGaveUp(ILogger logger, EventSource source, int attempts, int? status);
}
