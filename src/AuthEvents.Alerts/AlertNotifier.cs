using System.Net;
using System.Threading.Channels;
using AuthEvents.Ingest.Feed;
using Polly;
using AuthEvents.Store;
using AuthEvents.Store.Alerts;
using AuthEvents.Store.Leases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthEvents.Alerts;

/// <summary>
/// Sends the outbox on every node: woken by alert changes on the feed and every <see cref="Interval"/>, it claims due
/// rows and posts each once to the webhook. A message is sent again only after an answer that says it was not taken
/// (408, 429, 5xx) or a failure before anything was sent (name, connection, TLS): the HttpClient's resilience handler
/// retries those within the attempt, then the row is rescheduled until <see cref="AlertNotifyOptions.GiveUpAfter"/>. An
/// ambiguous failure (a timeout or a connection lost after sending) is not sent again: it may have arrived.
/// </summary>
public sealed partial class AlertNotifier(
    IDbContextFactory<AuthEventsDbContext> contexts,
    IHttpClientFactory http,
    IOptions<AlertNotifyOptions> options,
    EventFeed feed,
    NodeIdentity node,
    TimeProvider time,
    ILogger<AlertNotifier> logger) : BackgroundService
{
    /// <summary>The named HttpClient the webhook goes through (with its resilience handler).</summary>
    public const string HttpClientName = "authevents-alerts-webhook";

    /// <summary>How often the notifier looks for due rows without a signal.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>A claim lasts this long; a node that dies while sending leaves it to expire.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60)];

    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Raised after each attempt with its row and whether it was delivered (handlers must not block).</summary>
    public event Action<AlertOutboxRecord, bool>? Attempted;

    /// <summary>Sends what is due now; returns how many rows were claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var rows = await AlertOutbox.ClaimAsync(contexts, node.Id, time.GetUtcNow().UtcTicks, ClaimFor, 20, cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            var (delivered, retry, status, error) = row.Channel == AlertOutbox.Webhook && settings.WebhookUrl is { } url && settings.Webhook.Secret is { } secret
                ? await PostAsync(url, secret, row, cancellationToken).ConfigureAwait(false)
                : (false, false, (int?)null, "channel not configured");
            var now = time.GetUtcNow();
            long? retryAt = null;
            if (!delivered && retry && now < new DateTimeOffset(row.CreatedAtTicks, TimeSpan.Zero) + settings.GiveUpAfter)
            {
                retryAt = (now + Backoff[Math.Min(row.Attempts - 1, Backoff.Length - 1)]).UtcTicks;
            }

            await AlertOutbox.RecordAsync(contexts, row, now.UtcTicks, delivered, retryAt, status, error, cancellationToken).ConfigureAwait(false);
            LogAttempt(logger, row.Channel, row.HistoryId, row.Attempts, status ?? 0, delivered ? "delivered" : retryAt is null ? "given up" : "rescheduled");
            Attempted?.Invoke(row, delivered);
        }

        return rows.Count;
    }

    /// <summary>
    /// The webhook HttpClient's resilience: within one attempt, up to 3 retries after an answer that says the message was
    /// not taken (408, 429, 5xx, honouring Retry-After) or a failure before sending, with jittered exponential backoff on
    /// the registered <see cref="TimeProvider"/>; 10 s per try. A timeout is not retried (the message may have arrived).
    /// </summary>
    public static void ConfigureResilience(Polly.ResiliencePipelineBuilder<HttpResponseMessage> pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        pipeline.AddRetry(new Microsoft.Extensions.Http.Resilience.HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromSeconds(2),
            MaxDelay = TimeSpan.FromSeconds(30),
            BackoffType = Polly.DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldRetryAfterHeader = true,
            ShouldHandle = new Polly.PredicateBuilder<HttpResponseMessage>()
                .HandleResult(r => r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500)
                .Handle<HttpRequestException>(e => e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError),
        }).AddTimeout(TimeSpan.FromSeconds(10));
    }

    private async Task<(bool Delivered, bool Retry, int? Status, string? Error)> PostAsync(Uri url, string secret, AlertOutboxRecord row, CancellationToken cancellationToken)
    {
        var message = AlertWebhookMessage.Create(row.PayloadJson, row.DeliveryId, secret, time.GetUtcNow());
        using var client = http.CreateClient(HttpClientName);
        try
        {
            // The resilience handler sends the same bytes again on a retry: the delivery id lets the receiver drop a repeat.
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(message.Body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add(AlertWebhookMessage.SignatureHeader, message.Signature);
            request.Headers.Add(AlertWebhookMessage.TimestampHeader, message.SentAt.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(AlertWebhookMessage.DeliveryHeader, message.DeliveryId);
            request.Headers.Add(AlertWebhookMessage.EventHeader, message.Event);
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? (true, false, code, null)
                : (false, response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || code >= 500, code, "HTTP " + code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError)
        {
            return (false, true, null, e.HttpRequestError.ToString());
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (false, false, null, "outcome unknown: " + e.GetType().Name);
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        feed.Committed += OnCommitted;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    while (await SendDueAsync(stoppingToken).ConfigureAwait(false) > 0)
                    {
                    }
                }
#pragma warning disable CA1031 // The store briefly unavailable: the next round tries again; the type is logged.
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    LogFailed(logger, e.GetType().Name);
                }

                using var timeout = new CancellationTokenSource(Interval, time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
                try
                {
                    await _signal.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }
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
        if (update.AlertChanges > 0)
        {
            _signal.Writer.TryWrite(true);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert notification {Channel} for change {HistoryId}, attempt {Attempt}: status {Status}, {Outcome}")]
    private static partial void LogAttempt(ILogger logger, string channel, long historyId, int attempt, int status, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert notifications could not be read or recorded ({Error}); trying again shortly")]
    private static partial void LogFailed(ILogger logger, string error);
}
