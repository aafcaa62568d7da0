using System.Globalization;
using System.Text.Json;
using AuthEvents.Store.Audit;
using AuthEvents.Store.Entities;
using AuthEvents.Web.Access;
using AuthEvents.Web.Endpoints;
using AuthEvents.Web.Hosting;

namespace AuthEvents.Web.Audit;

/// <summary>
/// The audit trail for administrators' programs: <c>GET /api/audit?format=ndjson|csv&amp;from&amp;to&amp;user&amp;action</c>
/// (oldest first, streamed) and <c>GET /api/audit/verify</c> (intact, or the first row that breaks the chain).
/// </summary>
public static class AuditEndpoints
{
    public const string Path = "/api/audit";

    private static readonly string[] Columns = ["id", "at", "subject", "user", "roles", "action", "target", "detail", "clientIp", "userAgent", "hash"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (HttpContext context, AuditStore store, AuditLog audit, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var format = context.Request.Query["format"].ToString() is { Length: > 0 } f ? f.ToLowerInvariant() : "ndjson";
            if (format is not ("csv" or "ndjson"))
            {
                return Results.Problem("format must be csv or ndjson", statusCode: StatusCodes.Status400BadRequest);
            }

            if (!TryReadQuery(context.Request.Query, out var query, out var problem))
            {
                return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
            }

            // Reading the trail is itself in it, before the rows are read, so the export includes its own entry.
            await audit.RecordAsync(context, AuditActions.AuditExport, context.Request.QueryString.Value ?? "", format, cancellationToken);
            var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            context.Response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"authevents-audit-{stamp}.{format}\"";
            context.Response.Headers.CacheControl = "no-store";
            var rows = store.StreamAsync(query, cancellationToken);
            await (format == "csv"
                ? StreamedTable.WriteCsvAsync(context.Response.Body, Columns, rows, Fields, cancellationToken)
                : StreamedTable.WriteNdjsonAsync(context.Response.Body, rows, Line, Json, cancellationToken));
            return Results.Empty;
        }).RequireAuthorization(AccessPolicies.Admin).RequireRateLimiting(RateLimits.ExportPolicy);

        // Verifying reads the whole trail, as an export does, and counts as one.
        endpoints.MapGet(Path + "/verify", async (AuditStore store, CancellationToken cancellationToken) =>
        {
            var result = await store.VerifyAsync(cancellationToken);
            return Results.Ok(result.Intact
                ? new VerifyAnswer("intact", result.Rows, null, null)
                : new VerifyAnswer("broken", result.Rows, result.FirstBrokenId, $"Row {result.FirstBrokenId}: {result.Problem}."));
        }).RequireAuthorization(AccessPolicies.Admin).RequireRateLimiting(RateLimits.ExportPolicy);
        return endpoints;
    }

    /// <summary><c>from</c> and <c>to</c> as ISO 8601 instants (from inclusive, to exclusive), <c>user</c>, <c>action</c>.</summary>
    public static bool TryReadQuery(IQueryCollection query, out AuditQuery result, out string problem)
    {
        ArgumentNullException.ThrowIfNull(query);
        result = new AuditQuery();
        problem = "";
        DateTimeOffset? from = null, to = null;
        foreach (var (key, assign) in new (string, Action<DateTimeOffset>)[] { ("from", v => from = v), ("to", v => to = v) })
        {
            if (query[key].ToString() is { Length: > 0 } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
                {
                    problem = $"{key} must be an ISO 8601 instant, such as 2026-12-07T09:00:00Z";
                    return false;
                }

                assign(value);
            }
        }

        if (from > to)
        {
            problem = "from must be before to";
            return false;
        }

        var action = query["action"].ToString();
        if (action.Length > 0 && !AuditActions.All.Contains(action, StringComparer.Ordinal))
        {
            problem = "action must be one of: " + string.Join(", ", AuditActions.All);
            return false;
        }

        result = new AuditQuery(from, to, query["user"].ToString() is { Length: > 0 } user ? user : null, action.Length > 0 ? action : null);
        return true;
    }

    private static string[] Fields(AuditRecord row) =>
    [
        row.Id.ToString(CultureInfo.InvariantCulture), At(row).ToString("O", CultureInfo.InvariantCulture), row.Subject, row.UserName, row.Roles,
        row.Action, row.Target, row.Detail, row.ClientIp, row.UserAgent, row.Hash,
    ];

    private static AuditLine Line(AuditRecord row) =>
        new(row.Id, At(row), row.Subject, row.UserName, row.Roles, row.Action, row.Target, row.Detail, row.ClientIp, row.UserAgent, row.Hash);

    private static DateTimeOffset At(AuditRecord row) => new(row.AtTicks, TimeSpan.Zero);

    private sealed record AuditLine(long Id, DateTimeOffset At, string Subject, string User, string Roles, string Action, string Target, string Detail, string ClientIp, string UserAgent, string Hash);

    private sealed record VerifyAnswer(string Status, long Rows, long? FirstBrokenId, string? Problem);
}
