using AuthEvents.Core.Events;
using AuthEvents.Demo.Hosting;
using AuthEvents.Store.Entities;
using AuthEvents.Store.Queries;
using AuthEvents.Web.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AuthEvents.Web.Health;

/// <summary>Each source's state, position and last failure; degraded while an enabled source is failing.</summary>
public sealed class SourcesHealthCheck(EventQueries queries, DemoMode demo, TimeProvider time) : IHealthCheck
{
    public const string Name = "sources";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<SourceStateRecord> states;
        try
        {
            states = await queries.GetSourceStatesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            states = [];
        }

        var now = time.GetUtcNow();
        var sources = Enum.GetValues<EventSource>().Select(source => Describe(source, states.FirstOrDefault(s => s.Source == source), now)).ToList();
        var data = new Dictionary<string, object> { [Name] = sources };
        return sources.Any(s => s.status == "failing")
            ? HealthCheckResult.Degraded("A source is failing.", data: data)
            : HealthCheckResult.Healthy("No source is failing.", data);
    }

#pragma warning disable IDE1006 // Lower-case members: they are the JSON contract of /healthz.
    private sealed record SourceHealth(
        string source, string mode, string status, DateTimeOffset? lastSuccessAt, double? secondsSinceSuccess, int consecutiveFailures,
        string? lastError, long eventsReceived, string position, int? pendingAcks, string? cursor);
#pragma warning restore IDE1006

    private SourceHealth Describe(EventSource source, SourceStateRecord? state, DateTimeOffset now)
    {
        var mode = demo.ModeOf(source);
        DateTimeOffset? lastSuccess = state?.LastSuccessAtTicks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;
        return new SourceHealth(
            source.ToString(),
            mode,
            mode == "disabled" ? "disabled" : state is null ? "waiting" : state.ConsecutiveFailures > 0 ? "failing" : "ok",
            lastSuccess,
            lastSuccess is { } ls ? Math.Round((now - ls).TotalSeconds, 1) : null,
            state?.ConsecutiveFailures ?? 0,
            state?.LastError,
            state?.EventsReceived ?? 0,
            SourcePosition.Describe(source, state).Text,
            source == EventSource.LoginGov && state is not null ? SourcePosition.PendingAcks(state) : null,
            source == EventSource.OnePassword && state is not null ? SourcePosition.CursorStart(state) : null);
    }
}
