using System.Text.Json;
using System.Text.Json.Nodes;
using AuthEvents.Core.Events;
using AuthEvents.Core.Webhooks;
using AuthEvents.Ingest.Sources;
using AuthEvents.Ingest.Sources.FusionAuth;
using Microsoft.Extensions.Options;

namespace AuthEvents.Web.Endpoints;

/// <summary>
/// <c>POST /webhooks/fusionauth</c>: every configured check (signed JWT over the raw body, Basic authentication, required
/// header) must pass before anything is parsed; the event must carry an id and a <c>createInstant</c> inside the freshness
/// window (the signature has no time of its own). FusionAuth sends the whole user profile: only what the product needs of
/// <c>event.user</c> is kept, before the durable write. Redeliveries are deduplicated on <c>event.id</c> by the inbox.
/// </summary>
public static partial class FusionAuthWebhookEndpoint
{
    public static IEndpointRouteBuilder MapFusionAuthWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/webhooks/fusionauth", HandleAsync).AllowAnonymous().WithWebhookMetrics(EventSource.FusionAuth).RequireRateLimiting(AuthEvents.Web.Hosting.RateLimits.WebhookPolicy);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context,
        IOptionsMonitor<FusionAuthSourceOptions> sourceOptions,
        IOptionsMonitor<WebhookOptions> webhookOptions,
        FusionAuthWebhookChecks checks,
        WebhookInboxWriter inbox,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var options = sourceOptions.CurrentValue;
        var (body, refusal) = await WebhookRequest.ReceiveAsync(
            context.Request, options.Enabled, "FusionAuth", webhookOptions.CurrentValue.MaxBodyBytes, headers => checks.RefuseBeforeBody(headers)?.Reason,
            loggers.CreateLogger(typeof(FusionAuthWebhookEndpoint)), cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var verification = await checks.VerifyAsync(WebhookRequest.Headers(context.Request), body!, cancellationToken);
        if (verification.Reason == WebhookRejectionReasons.SigningKeysUnavailable)
        {
            // Not a verdict on the delivery: a 5xx says "try again" (docs/protocols/fusionauth.md, "Redelivery"), a 401 says the delivery is bad.
            LogKeysUnavailable(loggers.CreateLogger(typeof(FusionAuthWebhookEndpoint)));
            return WebhookRequest.Problem(StatusCodes.Status503ServiceUnavailable, verification.Reason);
        }

        if (!verification.IsValid)
        {
            LogRejected(loggers.CreateLogger(typeof(FusionAuthWebhookEndpoint)), verification.Reason!);
            return WebhookRequest.Problem(StatusCodes.Status401Unauthorized, verification.Reason!);
        }

        if (!WebhookRequest.TryDecodeUtf8(body!, out var text))
        {
            return WebhookRequest.Problem(StatusCodes.Status400BadRequest, "Malformed JSON: the body is not UTF-8");
        }

        var (minimized, error) = FusionAuthWebhookBody.Minimize(text, time.GetUtcNow(), options.FreshnessWindow);
        if (minimized is null)
        {
            return WebhookRequest.Problem(StatusCodes.Status400BadRequest, error!);
        }

        return await inbox.WriteAsync(EventSource.FusionAuth, minimized, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "FusionAuth webhook answered 503: its signing key is not loaded and the JWKS could not be fetched")]
    private static partial void LogKeysUnavailable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FusionAuth webhook rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
