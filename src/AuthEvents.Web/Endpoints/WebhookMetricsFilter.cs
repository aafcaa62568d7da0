using AuthEvents.Core.Events;
using AuthEvents.Ingest.Telemetry;

namespace AuthEvents.Web.Endpoints;

/// <summary>Records each webhook's duration and answer (<c>authevents.webhook.duration</c>).</summary>
public static class WebhookMetricsFilter
{
    public static RouteHandlerBuilder WithWebhookMetrics(this RouteHandlerBuilder builder, EventSource source) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var services = context.HttpContext.RequestServices;
            var time = services.GetRequiredService<TimeProvider>();
            var metrics = services.GetRequiredService<IngestMetrics>();
            var started = time.GetTimestamp();
            var status = StatusCodes.Status500InternalServerError;
            try
            {
                var result = await next(context);
                status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
                return result;
            }
            finally
            {
                metrics.Webhook(source, status, time.GetElapsedTime(started));
            }
        });
}
