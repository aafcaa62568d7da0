using AuthEvents.Ingest.Pipeline;
using AuthEvents.Web.Access;

namespace AuthEvents.Web.Endpoints;

/// <summary>
/// <c>POST /api/quarantine/replay[?id=…&amp;id=…]</c>: what /sources' replay buttons do, for an administrator's program:
/// the given quarantined records, or all of them, through the normalizers again. Answers the number requeued.
/// </summary>
public static class QuarantineEndpoint
{
    public const string ReplayPath = "/api/quarantine/replay";

    public static IEndpointRouteBuilder MapQuarantineEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(ReplayPath, async (long[]? id, QuarantineReplayer replayer, CancellationToken cancellationToken) =>
        {
            var requeued = await replayer.ReplayAsync(id is { Length: > 0 } ids ? ids : null, cancellationToken);
            return Results.Ok(new { requeued });
        }).RequireAuthorization(AccessPolicies.Admin);
        return endpoints;
    }
}
