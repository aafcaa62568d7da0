using AuthEvents.Ingest.Pipeline;
using AuthEvents.Store.Audit;
using AuthEvents.Web.Access;
using AuthEvents.Web.Audit;

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
        // The ids from the query (a POST would otherwise look for them in the body, find none, and replay everything).
        endpoints.MapPost(ReplayPath, async ([Microsoft.AspNetCore.Mvc.FromQuery(Name = "id")] long[]? id, HttpContext context, QuarantineReplayer replayer, AuditLog audit, CancellationToken cancellationToken) =>
        {
            var requeued = await replayer.ReplayAsync(id is { Length: > 0 } ids ? ids : null, cancellationToken);
            await audit.RecordAsync(context, AuditActions.QuarantineReplay, ReplayTarget(id), $"{requeued} requeued", CancellationToken.None);
            return Results.Ok(new { requeued });
        }).RequireAuthorization(AccessPolicies.Admin);
        return endpoints;
    }

    /// <summary>How the audit trail names what was replayed: all, or the inbox ids (the first 50).</summary>
    public static string ReplayTarget(IReadOnlyCollection<long>? inboxIds) =>
        inboxIds is { Count: > 0 } ids
            ? "inbox " + string.Join(",", ids.Take(50)) + (ids.Count > 50 ? $" and {ids.Count - 50} more" : "")
            : "all quarantined";
}
