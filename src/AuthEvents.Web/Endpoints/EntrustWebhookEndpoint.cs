using System.Text.Json;
using AuthEvents.Core.Entrust;
using AuthEvents.Core.Events;
using AuthEvents.Core.Webhooks;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Ingest.Sources;
using AuthEvents.Ingest.Sources.Entrust;
using Microsoft.Extensions.Options;

namespace AuthEvents.Web.Endpoints;

/// <summary>
/// <c>POST /webhooks/entrust</c>: verifies Content-Digest and the RFC 9421 <c>sig</c> signature over the raw body before
/// anything else, rejects bad or missing signatures with 401 and stores nothing; answers 2xx only after the durable
/// inbox write, and 503 when the store cannot take it so that Entrust retries.
/// </summary>
public static partial class EntrustWebhookEndpoint
{
    public static IEndpointRouteBuilder MapEntrustWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/webhooks/entrust", HandleAsync).AllowAnonymous().WithWebhookMetrics(EventSource.Entrust).RequireRateLimiting(AuthEvents.Web.Hosting.RateLimits.WebhookPolicy);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context,
        IOptionsMonitor<EntrustSourceOptions> sourceOptions,
        IOptionsMonitor<WebhookOptions> webhookOptions,
        WebhookInboxWriter inbox,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var options = sourceOptions.CurrentValue;
        var logger = loggers.CreateLogger(typeof(EntrustWebhookEndpoint));
        var (body, refusal) = await WebhookRequest.ReceiveAsync(
            context.Request, options.Enabled, "Entrust", webhookOptions.CurrentValue.MaxBodyBytes, MissingSignatureHeaders, logger, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var tokens = options.WebhookToken!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var verification = new EntrustSignatureVerifier(tokens).Verify(
            context.Request.Method, options.CallbackUrl!.AbsoluteUri, WebhookRequest.Headers(context.Request), body!, time.GetUtcNow());
        if (!verification.IsValid)
        {
            LogRejected(logger, verification.Reason!);
            return WebhookRequest.Problem(StatusCodes.Status401Unauthorized, verification.Reason!);
        }

        if (!WebhookRequest.TryDecodeUtf8(body!, out var text))
        {
            return WebhookRequest.Problem(StatusCodes.Status400BadRequest, "Malformed JSON: the body is not UTF-8");
        }

        if (!EntrustWebhookBody.IsJsonObject(text, out var error))
        {
            return WebhookRequest.Problem(StatusCodes.Status400BadRequest, "Malformed JSON: " + error);
        }

        return await inbox.WriteAsync(EventSource.Entrust, text, cancellationToken);
    }

    // Entrust signs every delivery (RFC 9421): without the three headers the body is not worth reading.
    private static string? MissingSignatureHeaders(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        string[] required = [EntrustSignatureVerifier.SignatureInputHeaderName, EntrustSignatureVerifier.SignatureHeaderName, ContentDigest.HeaderName];
        var missing = required.Where(name => !headers.Any(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))).ToList();
        return missing.Count == 0 ? null : $"Missing {string.Join(", ", missing)} header{(missing.Count > 1 ? "s" : "")}: Entrust signs every delivery.";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Entrust webhook rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
