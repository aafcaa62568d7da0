using AuthEvents.Alerts;
using AuthEvents.Store.Alerts;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AuthEvents.Web.Health;

/// <summary>
/// The alert engine: degraded when its last run failed and it has not caught up since, or when it trails the store by more
/// than <see cref="MaxLag"/> events. Detail: open alerts, the lag, each rule's mode.
/// </summary>
public sealed class AlertsHealthCheck(AlertQueries alerts, AlertEvaluator evaluator, IOptions<AlertsOptions> options) : IHealthCheck
{
    public const string Name = "alerts";

    /// <summary>Events not yet evaluated beyond which the rules are called behind.</summary>
    public const long MaxLag = 50_000;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return HealthCheckResult.Healthy("Alerts are switched off (Alerts:Enabled).", new Dictionary<string, object> { [Name] = new { enabled = false } });
        }

        AlertEngineStatus status;
        try
        {
            status = await alerts.EngineStatusAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            return HealthCheckResult.Unhealthy("The alert engine's state cannot be read.");
        }

        var failing = evaluator.LastFailureAt is { } failed && (evaluator.LastCaughtUpAt is not { } caught || caught < failed);
        var data = new Dictionary<string, object>
        {
            [Name] = new
            {
                enabled = true,
                open = status.Open,
                lag = status.Lag,
                lastCaughtUpAt = evaluator.LastCaughtUpAt,
                lastFailure = failing ? evaluator.LastFailure : null,
                rules = status.Rules.Select(r => new { rule = r.RuleId, mode = r.Mode.ToString().ToLowerInvariant() }),
            },
        };
        return failing
            ? HealthCheckResult.Degraded($"Alert evaluation is failing ({evaluator.LastFailure}) and is retried.", data: data)
            : status.Lag > MaxLag
                ? HealthCheckResult.Degraded($"The rules trail the store by {status.Lag:N0} events.", data: data)
                : HealthCheckResult.Healthy($"{status.Open:N0} open alerts; the rules are current.", data);
    }
}
