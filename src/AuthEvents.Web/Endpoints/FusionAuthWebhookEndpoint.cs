using System.Text.Json;
using System.Text.Json.Nodes;
using AuthEvents.Core.Events;
using AuthEvents.Core.Webhooks;
using AuthEvents.Ingest.Sources;
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
    /// <summary>The only members of <c>event.user</c> that are kept.</summary>
    public static readonly IReadOnlySet<string> KeptUserFields = new HashSet<string>(StringComparer.Ordinal) { "id", "email", "active", "verified", "twoFactorEnabled", "tenantId" };

    public static IEndpointRouteBuilder MapFusionAuthWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/webhooks/fusionauth", HandleAsync).WithWebhookMetrics(EventSource.FusionAuth);
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
        var (body, refusal) = await WebhookRequest.ReceiveAsync(context.Request, options.Enabled, "FusionAuth", webhookOptions.CurrentValue.MaxBodyBytes, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var verification = await checks.VerifyAsync(WebhookRequest.Headers(context.Request), body!, cancellationToken);
        if (verification.Reason == WebhookRejectionReasons.SigningKeysUnavailable)
        {
            // Not a verdict on the delivery: FusionAuth retries a 5xx, never a 4xx.
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

        var (minimized, error) = Minimize(text, time.GetUtcNow(), options.FreshnessWindow);
        if (minimized is null)
        {
            return WebhookRequest.Problem(StatusCodes.Status400BadRequest, error!);
        }

        return await inbox.WriteAsync(EventSource.FusionAuth, minimized, cancellationToken);
    }

    /// <summary>
    /// Checks the envelope and returns the body with <c>event.user</c> reduced to <see cref="KeptUserFields"/>, or an error.
    /// </summary>
    public static (string? Body, string? Error) Minimize(string text, DateTimeOffset now, TimeSpan freshnessWindow)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            return (null, $"Malformed JSON: invalid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}");
        }

        if (root is not JsonObject envelope || envelope["event"] is not JsonObject e)
        {
            return (null, "Malformed event: the body must be {\"event\": {...}}");
        }

        if (e["id"] is not JsonValue id || id.GetValueKind() != JsonValueKind.String)
        {
            return (null, "Malformed event: missing required field 'event.id'");
        }

        if (e["createInstant"] is not JsonValue instant || !instant.TryGetValue<long>(out var millis))
        {
            return (null, "Malformed event: 'event.createInstant' must be epoch milliseconds");
        }

        var created = DateTimeOffset.FromUnixTimeMilliseconds(millis);
        if ((now - created).Duration() > freshnessWindow)
        {
            return (null, $"Stale event: createInstant is {(now - created).TotalMinutes:F0} minutes from now, outside the {freshnessWindow.TotalMinutes:F0}-minute freshness window");
        }

        if (e["user"] is JsonObject user)
        {
            foreach (var name in user.Select(p => p.Key).Where(k => !KeptUserFields.Contains(k)).ToList())
            {
                user.Remove(name);
            }
        }

        return (envelope.ToJsonString(), null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "FusionAuth webhook answered 503: its signing key is not loaded and the JWKS could not be fetched")]
    private static partial void LogKeysUnavailable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FusionAuth webhook rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
