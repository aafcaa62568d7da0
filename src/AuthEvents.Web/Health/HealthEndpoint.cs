using System.Text.Json;
using AuthEvents.Demo.Hosting;
using AuthEvents.Web.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AuthEvents.Web.Health;

/// <summary>
/// The health endpoints, from ASP.NET Core health checks. <c>/healthz</c>: the store, the journey and search indexes and each source
/// as JSON (503 when the store cannot be reached). <c>/healthz/live</c>: the process answers. <c>/healthz/ready</c>: the
/// store answers, so the node can take traffic.
/// </summary>
public static class HealthEndpoint
{
    public const string ReadyTag = "ready";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddAuthEventsHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>(StoreHealthCheck.Name, tags: [ReadyTag])
            .AddCheck<JourneyIndexHealthCheck>(JourneyIndexHealthCheck.Name)
            .AddCheck<SearchIndexHealthCheck>(SearchIndexHealthCheck.Name)
            .AddCheck<SourcesHealthCheck>(SourcesHealthCheck.Name)
            .AddCheck<AlertsHealthCheck>(AlertsHealthCheck.Name);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder endpoints)
    {
        // A failing source or a rebuilding index is worth reading, not a reason to take the node out: only the store's
        // failure is a 503.
        var statusCodes = new Dictionary<HealthStatus, int>
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        };
        // The detail names sources and their errors: for administrators (everyone in local mode). The probes say only up or down.
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { ResultStatusCodes = statusCodes, ResponseWriter = WriteReportAsync })
            .RequireAuthorization(AuthEvents.Web.Access.AccessPolicies.Admin);
        endpoints.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false, ResultStatusCodes = statusCodes, ResponseWriter = WriteStatusAsync })
            .AllowAnonymous();
        endpoints.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResultStatusCodes = statusCodes, ResponseWriter = WriteStatusAsync })
            .AllowAnonymous();
        return endpoints;
    }

    private static Task WriteStatusAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new { status = report.Status.ToString() }, Json, context.RequestAborted);

    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        var services = context.RequestServices;
        var storeReachable = report.Entries.TryGetValue(StoreHealthCheck.Name, out var store) && store.Status != HealthStatus.Unhealthy;
        var body = new
        {
            status = storeReachable ? "ok" : "unavailable",
            checkedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
            demo = services.GetRequiredService<DemoMode>().IsEnabled,
            store = Data(report, StoreHealthCheck.Name),
            // A rebuild after an upgrade runs in the background; until it ends, journey figures are partial.
            journeyIndex = storeReachable ? Data(report, JourneyIndexHealthCheck.Name) : null,
            // Likewise the free-text backfill after an upgrade: until it ends, free text may miss older events.
            searchIndex = storeReachable ? Data(report, SearchIndexHealthCheck.Name) : null,
            sources = Data(report, SourcesHealthCheck.Name),
            // The detection rules: open alerts, how far behind the store they are, each rule's mode.
            alerts = storeReachable ? Data(report, AlertsHealthCheck.Name) : null,
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        };
        return context.Response.WriteAsJsonAsync(body, Json, context.RequestAborted);
    }

    private static object? Data(HealthReport report, string name) =>
        report.Entries.TryGetValue(name, out var entry) && entry.Data.TryGetValue(name, out var value) ? value : null;
}
