using AuthEvents.Store.Journeys;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AuthEvents.Web.Health;

/// <summary>The journey index: degraded while a rebuild runs, because journey figures are partial until it ends.</summary>
public sealed class JourneyIndexHealthCheck(JourneyQueries journeys) : IHealthCheck
{
    public const string Name = "journeyIndex";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        JourneyIndexProgress progress;
        try
        {
            progress = await journeys.IndexProgressAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            return HealthCheckResult.Unhealthy("The journey index cannot be read.");
        }

        var data = new Dictionary<string, object> { [Name] = new { building = progress.Building, indexed = progress.Indexed, total = progress.Total } };
        return progress.Building
            ? HealthCheckResult.Degraded("The journey index is being rebuilt.", data: data)
            : HealthCheckResult.Healthy("The journey index is current.", data);
    }
}
