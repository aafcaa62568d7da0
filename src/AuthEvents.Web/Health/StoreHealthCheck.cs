using AuthEvents.Store.Queries;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AuthEvents.Web.Health;

/// <summary>The store answers: its counts for /healthz; unhealthy (503, not ready) when it cannot be reached.</summary>
public sealed class StoreHealthCheck(EventQueries queries) : IHealthCheck
{
    public const string Name = "store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var store = await queries.GetStatusAsync(cancellationToken);
        var data = new Dictionary<string, object>
        {
            [Name] = new
            {
                state = store.Reachable ? "ok" : "unavailable",
                events = store.Events,
                inboxPending = store.InboxPending,
                quarantineOpen = store.QuarantineOpen,
                newestEventAt = store.NewestOccurredAt,
                error = store.Error,
            },
        };
        return store.Reachable
            ? HealthCheckResult.Healthy("The store answers.", data)
            : HealthCheckResult.Unhealthy("The store cannot be reached.", data: data);
    }
}
