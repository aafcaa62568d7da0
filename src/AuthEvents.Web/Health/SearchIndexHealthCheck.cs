using AuthEvents.Store.Queries;
using AuthEvents.Store.Search;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AuthEvents.Web.Health;

/// <summary>The free-text index: degraded while older events are indexed in the background, as free text may miss them until then.</summary>
public sealed class SearchIndexHealthCheck(EventQueries events) : IHealthCheck
{
    public const string Name = "searchIndex";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        SearchIndexProgress progress;
        try
        {
            progress = await events.SearchIndexProgressAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            return HealthCheckResult.Unhealthy("The search index cannot be read.");
        }

        var data = new Dictionary<string, object> { [Name] = new { building = progress.Building, indexed = progress.Indexed, total = progress.Total } };
        return progress.Building
            ? HealthCheckResult.Degraded("Older events are being indexed for free text.", data: data)
            : HealthCheckResult.Healthy("Every stored event is indexed for free text.", data);
    }
}
