using System.Globalization;
using System.Text.Json;
using AuthEvents.Store.Alerts;
using AuthEvents.Store.Audit;
using AuthEvents.Web.Audit;
using AuthEvents.Web.Hubs;
using AuthEvents.Web.Navigation;

namespace AuthEvents.Web.Endpoints;

/// <summary>
/// <c>GET /api/alerts?format=csv|ndjson&amp;…filters</c>: every matching alert, newest last seen first, streamed with no
/// row cap; <c>GET /api/alerts/{id}</c>: one alert as JSON with its figures, history and kept evidence, for programs that
/// follow a notification or the hub's <c>alert</c>. People appear only as keyed hashes and masked labels, as on the pages.
/// </summary>
public static class AlertsEndpoint
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string[] Columns =
    [
        "id", "rule", "severity", "status", "key", "keyKind", "label", "firstSeen", "lastSeen", "count", "assignee",
        "openedAt", "updatedAt", "isDemo", "origin", "summary", "url",
    ];

    public static IEndpointRouteBuilder MapAlertsEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/alerts", ExportAsync)
            .RequireAuthorization(AuthEvents.Web.Access.AccessPolicies.Analyst).RequireRateLimiting(AuthEvents.Web.Hosting.RateLimits.ExportPolicy);
        endpoints.MapGet("/api/alerts/{id}", DetailAsync)
            .RequireAuthorization(AuthEvents.Web.Access.AccessPolicies.Analyst).RequireRateLimiting(AuthEvents.Web.Hosting.RateLimits.ExportPolicy);
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(HttpContext context, AlertQueries queries, TimeProvider time, AuditLog audit, CancellationToken cancellationToken)
    {
        var format = context.Request.Query["format"].ToString() is { Length: > 0 } f ? f.ToLowerInvariant() : "csv";
        if (format is not ("csv" or "ndjson"))
        {
            return Results.Problem("format must be csv or ndjson", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!AlertQueryParameters.TryParse(context.Request.Query, AuditLog.SubjectOf(context.User), out var filter, out var error))
        {
            return Results.Problem(error, statusCode: StatusCodes.Status400BadRequest);
        }

        var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        context.Response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"authevents-alerts-{stamp}.{format}\"";
        context.Response.Headers.CacheControl = "no-store";
        var counted = new RowCounter();
        var rows = counted.Count(queries.StreamAsync(filter, cancellationToken), cancellationToken);
        var complete = false;
        try
        {
            await (format == "csv"
                ? StreamedTable.WriteCsvAsync(context.Response.Body, Columns, rows, Fields, cancellationToken)
                : StreamedTable.WriteNdjsonAsync(context.Response.Body, rows, Line, Json, cancellationToken));
            complete = true;
        }
        finally
        {
            // The filter as asked and what left the building, also when the client stopped reading part way.
            await audit.RecordAsync(context, AuditActions.AlertExport, context.Request.QueryString.Value ?? "",
                $"{counted.Rows} rows, {format}{(complete ? "" : ", stopped before the end")}", CancellationToken.None);
        }

        return Results.Empty;
    }

    private static async Task<IResult> DetailAsync(string id, HttpContext context, AlertQueries queries, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var alertId) || alertId <= 0)
        {
            return Results.Problem("'id' must be an alert's number", statusCode: StatusCodes.Status400BadRequest);
        }

        var detail = await queries.GetAsync(alertId, cancellationToken);
        if (detail is null)
        {
            return Results.Problem($"There is no alert {alertId}.", statusCode: StatusCodes.Status404NotFound);
        }

        context.Response.Headers.CacheControl = "no-store";
        await audit.RecordAsync(context, AuditActions.AlertExport, $"alert:{alertId}",
            $"1 alert, {detail.History.Count} history, {detail.Evidence.Count} evidence, json", CancellationToken.None);
        return Results.Json(new
        {
            alert = Line(detail.Alert),
            figures = Figures(detail.Alert.FiguresJson),
            history = detail.History.Select(h => new
            {
                id = h.Id,
                at = Time(h.At),
                change = AlertVocabulary.Name(h.Change),
                fromStatus = h.FromStatus is { } from ? AlertVocabulary.Status(from) : null,
                toStatus = h.ToStatus is { } to ? AlertVocabulary.Status(to) : null,
                actor = h.ActorSubject,
                actorName = h.ActorName,
                text = h.Text,
            }),
            evidence = detail.Evidence.Select(x => new
            {
                id = x.Event.Id,
                occurredAt = Time(x.Event.OccurredAt),
                source = x.Event.Source.ToString(),
                eventType = x.Event.EventType,
                milestone = x.Event.Milestone,
                outcome = ExportEndpoint.OutcomeName(x.Event.Outcome),
                reasons = (x.Event.ReasonCodes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
                person = x.Event.PersonKey,
                emailMasked = x.Event.EmailMasked,
                session = x.Event.SessionKey,
                ip = x.Event.Ip,
                country = x.Event.Country,
                authenticator = x.Event.Authenticator,
                isDemo = x.Event.IsDemo,
                step = x.Step,
            }),
        }, Json);
    }

    private static AlertLine Line(AlertRow a) => new(
        a.Id, a.RuleId, AlertVocabulary.Severity(a.Severity), AlertVocabulary.Status(a.Status), a.Key, AlertVocabulary.Name(a.KeyKind), a.KeyLabel,
        Time(a.FirstSeen), Time(a.LastSeen), a.Count, a.AssigneeSubject, Time(a.OpenedAt), Time(a.UpdatedAt), a.IsDemo,
        AlertVocabulary.Name(a.Origin), a.Summary, HubAlertMessage.UrlOf(a.Id));

    private static string?[] Fields(AlertRow row)
    {
        var l = Line(row);
        return
        [
            l.Id.ToString(CultureInfo.InvariantCulture), l.Rule, l.Severity, l.Status, l.Key, l.KeyKind, l.Label, l.FirstSeen, l.LastSeen,
            l.Count.ToString(CultureInfo.InvariantCulture), l.Assignee, l.OpenedAt, l.UpdatedAt, l.IsDemo ? "true" : "false", l.Origin, l.Summary, l.Url,
        ];
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>The rule's figures as the JSON object it wrote; an empty object if it is not one.</summary>
    private static JsonElement Figures(string figuresJson)
    {
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(figuresJson) ? "{}" : figuresJson);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
        }

        using var empty = JsonDocument.Parse("{}");
        return empty.RootElement.Clone();
    }

    /// <summary>One alert as an NDJSON line and the detail's <c>alert</c> (camelCase); the CSV's columns in the same order.</summary>
    private sealed record AlertLine(
        long Id, string Rule, string Severity, string Status, string Key, string KeyKind, string? Label, string FirstSeen, string LastSeen,
        long Count, string? Assignee, string OpenedAt, string UpdatedAt, bool IsDemo, string Origin, string Summary, string Url);

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
