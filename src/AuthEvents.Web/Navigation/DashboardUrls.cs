using AuthEvents.Core.Events;
using System.Text;
using AuthEvents.Web.Components.Pages.Failures;

namespace AuthEvents.Web.Navigation;

/// <summary>Every page's URL is built here, so links, copied URLs and the pages' own parsing agree.</summary>
public static class DashboardUrls
{
    public const string LivePath = "live";
    public const string FailuresPath = "failures";
    public const string JourneysPath = "journeys";
    public const string CatalogPath = "journeys/catalog";

    public static string Live(LiveFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = filter.ToQueryString();
        return query.Length == 0 ? LivePath : $"{LivePath}?{query}";
    }

    /// <summary>The overview keeps only a range, a source and the time zone; its default range is the last 24 hours.</summary>
    public static string Overview(LiveFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = (LiveFilter.Default with { Range = filter.Range, Sources = filter.Sources.Take(1).ToList(), Utc = filter.Utc })
            .ToQueryString(RangePresets.Summary, includeSelection: false);
        return query.Length == 0 ? "" : "?" + query;
    }

    public static string Failures(FailuresFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = filter.ToQueryString();
        return query.Length == 0 ? FailuresPath : $"{FailuresPath}?{query}";
    }

    /// <summary>A person's page, with its range, failures-only filter and UTC times where they are not the defaults.</summary>
    public static string Person(string personKey, TimeRange? range = null, bool failuresOnly = false, bool utc = false) =>
        WithQuery("people/" + Uri.EscapeDataString(personKey),
            [.. (range ?? new TimeRange(RangePresets.Person.Default)).Query(RangePresets.Person).Select(p => (p.Key, (string?)p.Value)),
                ("failures", failuresOnly ? "true" : null), ("tz", utc ? "utc" : null)]);

    /// <summary>A session's page; <c>tz=utc</c> shows its times in UTC rather than the viewer's zone.</summary>
    public static string Session(string sessionKey, bool utc = false) => WithQuery("sessions/" + Uri.EscapeDataString(sessionKey), [("tz", utc ? "utc" : null)]);

    /// <summary>The sources page, its quarantine narrowed to one provider where given.</summary>
    public static string Sources(EventSource? quarantine = null) => WithQuery("sources", [("quarantine", quarantine?.ToString())]);

    /// <summary>The audit trail's page with its filters where they are not the defaults.</summary>
    public static string Audit(TimeRange range, string? user, string? action, bool utc) =>
        WithQuery("audit", [.. range.Query(RangePresets.Audit).Select(p => (p.Key, (string?)p.Value)), ("user", user), ("action", action), ("tz", utc ? "utc" : null)]);

    /// <summary>The audit trail's export of what the page shows now: a relative range resolved to bounds at the moment of the click.</summary>
    public static string AuditExport(TimeRange range, string? user, string? action, DateTimeOffset now, TimeZoneInfo zone, string format = "csv")
    {
        ArgumentNullException.ThrowIfNull(range);
        var (from, to) = range.ResolveOpen(now, zone);
        return WithQuery("api/audit",
            [("format", format), ("from", from is { } f ? FilterCodec.FormatTime(f) : null), ("to", to is { } t ? FilterCodec.FormatTime(t.AddSeconds(1)) : null), ("user", user), ("action", action)]);
    }

    /// <summary>The /alerts view (canonical: defaults left out, lists in a fixed order).</summary>
    public static string Alerts(Components.Pages.Alerts.AlertsUrl url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var statuses = url.StatusesAreDefault ? [] : url.Statuses.Count == 0 ? ["all"] : url.Statuses;
        return WithQuery("alerts",
        [
            .. url.Rules.Select(r => ("rule", (string?)r)),
            .. url.Severities.Select(s => ("severity", (string?)s)),
            .. statuses.Select(s => ("status", (string?)s)),
            ("assignee", url.Assignee),
            .. url.Range.Query(RangePresets.Alerts).Select(p => (p.Key, (string?)p.Value)),
            ("tz", url.Utc ? "utc" : null),
            ("alert", url.Selected?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
    }

    /// <summary>The journey catalog, optionally for one provider.</summary>
    public static string Catalog(string? source = null) => WithQuery(CatalogPath, [("source", source)]);

    /// <summary>
    /// The export of exactly what <paramref name="filter"/> selects now: relative presets are resolved to absolute bounds,
    /// so the file matches the view at the moment of the click.
    /// </summary>
    public static string Export(LiveFilter filter, DateTimeOffset now, TimeZoneInfo zone, string format = "csv")
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parts = new List<(string, string)> { ("format", format) };
        if (!filter.Range.IsLive)
        {
            var (from, to) = filter.Range.Resolve(now, zone);
            parts.Add(("from", from.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
            parts.Add(("to", to.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        }

        var rest = (filter with { Range = new TimeRange(TimeRange.Live), Utc = false }).ToQueryString(includeSelection: false);
        var query = Join(parts);
        return rest.Length == 0 ? $"api/events?{query}" : $"api/events?{query}&{rest}";
    }

    /// <summary>
    /// True when the browser's base-relative URL is already <paramref name="canonical"/>. Escaping differs between what a
    /// browser sends, what the server sees when prerendering, and what was built here, so both sides are unescaped first.
    /// </summary>
    public static bool IsCurrent(string current, string canonical)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(canonical);
        // A fragment only scrolls the page; it is no part of the view.
        var fragment = current.IndexOf('#', StringComparison.Ordinal);
        var view = fragment < 0 ? current : current[..fragment];
        return string.Equals(Uri.UnescapeDataString(view), Uri.UnescapeDataString(canonical), StringComparison.Ordinal);
    }

    /// <summary><paramref name="path"/> with the non-empty query pairs, in the order given, escaped.</summary>
    public static string WithQuery(string path, IEnumerable<(string Key, string? Value)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var query = Join(pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => (p.Key, p.Value!)));
        return query.Length == 0 ? path : path + "?" + query;
    }

    /// <summary>The query pairs as one escaped query string, in the order given (without <c>?</c>).</summary>
    public static string Join(IEnumerable<(string Key, string Value)> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var builder = new StringBuilder();
        foreach (var (key, value) in parts)
        {
            builder.Append(builder.Length == 0 ? "" : "&").Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return builder.ToString();
    }
}
