using AuthEvents.Core.Events;
using AuthEvents.Store.Journeys;
using AuthEvents.Store.Queries;
using AuthEvents.Web.Hosting;

namespace AuthEvents.Web.Endpoints;

/// <summary><c>GET /healthz</c>: the store's state and each source's state, as JSON. 503 when the store is unreachable.</summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", async (EventQueries queries, JourneyQueries journeys, DemoMode demo, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var store = await queries.GetStatusAsync(cancellationToken);
            var states = store.Reachable ? await queries.GetSourceStatesAsync(cancellationToken) : [];
            var index = store.Reachable ? await journeys.IndexProgressAsync(cancellationToken) : null;
            var now = time.GetUtcNow();
            var sources = Enum.GetValues<EventSource>().Select(source =>
            {
                var state = states.FirstOrDefault(s => s.Source == source);
                var mode = demo.ModeOf(source);
                DateTimeOffset? lastSuccess = state?.LastSuccessAtTicks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;
                return new
                {
                    source = source.ToString(),
                    mode,
                    status = mode == "disabled" ? "disabled" : state is null ? "waiting" : state.ConsecutiveFailures > 0 ? "failing" : "ok",
                    lastSuccessAt = lastSuccess,
                    secondsSinceSuccess = lastSuccess is { } ls ? (double?)Math.Round((now - ls).TotalSeconds, 1) : null,
                    consecutiveFailures = state?.ConsecutiveFailures ?? 0,
                    lastError = state?.LastError,
                    eventsReceived = state?.EventsReceived ?? 0,
                    position = SourcePosition.Describe(source, state).Text,
                    pendingAcks = source == EventSource.LoginGov && state is not null ? SourcePosition.PendingAcks(state) : (int?)null,
                    cursor = source == EventSource.OnePassword && state is not null ? SourcePosition.CursorStart(state) : null,
                };
            }).ToList();

            var body = new
            {
                status = store.Reachable ? "ok" : "unavailable",
                checkedAt = now,
                demo = demo.IsEnabled,
                store = new
                {
                    state = store.Reachable ? "ok" : "unavailable",
                    events = store.Events,
                    inboxPending = store.InboxPending,
                    quarantineOpen = store.QuarantineOpen,
                    newestEventAt = store.NewestOccurredAt,
                    error = store.Error,
                },
                // A rebuild after an upgrade runs in the background; until it ends, journey figures are partial.
                journeyIndex = index is null ? null : new { building = index.Building, indexed = index.Indexed, total = index.Total },
                sources,
            };
            return Results.Json(body, statusCode: store.Reachable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
