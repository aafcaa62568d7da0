using System.Globalization;
using AuthEvents.Store.Audit;
using AuthEvents.Store.Queries;
using AuthEvents.Web.Audit;

namespace AuthEvents.Web.Endpoints;

/// <summary>
/// <c>GET /api/events?format=csv|ndjson&amp;…filters</c>: every matching event, streamed oldest first with no row cap.
/// Personal data appears only as stored: keyed-hash person keys and masked e-mail addresses. With free text (<c>q</c>)
/// while the search index is still being built, <see cref="SearchIndexHeader"/> says so.
/// </summary>
public static class ExportEndpoint
{
    /// <summary>
    /// Sent with a free-text export while the search index is still being built (<c>building; indexed=N; total=M</c>):
    /// older events may be missing from the rows.
    /// </summary>
    public const string SearchIndexHeader = "X-AuthEvents-Search-Index";

    private static readonly string[] Columns =
    [
        "source", "tenant", "providerEventId", "eventType", "milestone", "outcome", "occurredAt", "receivedAt",
        "failureReasons", "person", "emailMasked", "session", "ip", "country", "city", "authenticator", "demo",
    ];

    public static IEndpointRouteBuilder MapExportEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/events", async (HttpContext context, EventQueries queries, TimeProvider time, AuditLog audit, CancellationToken cancellationToken) =>
        {
            var format = context.Request.Query["format"].ToString() is { Length: > 0 } f ? f.ToLowerInvariant() : "csv";
            if (format is not ("csv" or "ndjson"))
            {
                return Results.Problem("format must be csv or ndjson", statusCode: StatusCodes.Status400BadRequest);
            }

            if (!EventQueryParameters.TryParse(context.Request.Query, out var query, out var error))
            {
                return Results.Problem(error, statusCode: StatusCodes.Status400BadRequest);
            }

            if (AuthEvents.Store.Search.SearchTerms.Parse(query.Text).Any
                && await queries.SearchIndexProgressAsync(cancellationToken) is { Building: true } index)
            {
                // Free text while older events are still being indexed for it: the rows may miss some of them. Said before
                // the body, as a header, so that CSV and NDJSON stay as they are.
                context.Response.Headers[SearchIndexHeader] = string.Create(CultureInfo.InvariantCulture, $"building; indexed={index.Indexed}; total={index.Total}");
            }

            var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            context.Response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"authevents-{stamp}.{format}\"";
            context.Response.Headers.CacheControl = "no-store";
            var counted = new RowCounter();
            var rows = counted.Count(queries.StreamAsync(query, cancellationToken), cancellationToken);
            var complete = false;
            try
            {
                await (format == "csv"
                    ? StreamedTable.WriteCsvAsync(context.Response.Body, Columns, rows, Fields, cancellationToken)
                    : StreamedTable.WriteNdjsonAsync(context.Response.Body, rows, Line, null, cancellationToken));
                complete = true;
            }
            finally
            {
                // The filter as asked and what left the building, also when the client stopped reading part way.
                await audit.RecordAsync(context, AuditActions.Export, context.Request.QueryString.Value ?? "",
                    $"{counted.Rows} rows, {format}{(complete ? "" : ", stopped before the end")}", CancellationToken.None);
            }

            return Results.Empty;
        }).RequireAuthorization(AuthEvents.Web.Access.AccessPolicies.Analyst).RequireRateLimiting(AuthEvents.Web.Hosting.RateLimits.ExportPolicy);
        return endpoints;
    }

    private static Dictionary<string, object?> Line(ExportRow row)
    {
        var values = Fields(row);
        var json = new Dictionary<string, object?>(Columns.Length);
        for (var i = 0; i < Columns.Length; i++)
        {
            json[Columns[i]] = Columns[i] == "demo" ? row.IsDemo : Columns[i] == "failureReasons" ? Reasons(row.FailureReasons) : values[i];
        }

        return json;
    }

    private static string?[] Fields(ExportRow r) =>
    [
        r.Source.ToString(), r.Tenant, r.ProviderEventId, r.EventType, r.Milestone, OutcomeName(r.Outcome),
        r.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        r.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        r.FailureReasons, r.Person, r.EmailMasked, r.Session, r.Ip, r.Country, r.City, r.Authenticator, r.IsDemo ? "true" : "false",
    ];

    private static List<object> Reasons(string joined) =>
        joined.Length == 0
            ? []
            : joined.Split(';').Select(r => r.Split(':', 3)).Select(p => (object)new { field = p[0], code = p.ElementAtOrDefault(1), canonical = p.ElementAtOrDefault(2) }).ToList();

    public static string OutcomeName(AuthEvents.Core.Events.Outcome outcome) => outcome switch
    {
        AuthEvents.Core.Events.Outcome.Success => "success",
        AuthEvents.Core.Events.Outcome.Failure => "failure",
        AuthEvents.Core.Events.Outcome.RateLimited => "rate-limited",
        _ => "info",
    };

    /// <summary>RFC 4180 quoting, and a leading quote for values a spreadsheet would run as a formula.</summary>
    public static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private sealed class RowCounter
    {
        public long Rows { get; private set; }

        public async IAsyncEnumerable<T> Count<T>(IAsyncEnumerable<T> rows, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                Rows++;
                yield return row;
            }
        }
    }
}
