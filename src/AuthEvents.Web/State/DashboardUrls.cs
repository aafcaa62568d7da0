namespace AuthEvents.Web.State;

/// <summary>Every page's URL is built here, so links, copied URLs and the pages' own parsing agree.</summary>
public static class DashboardUrls
{
    public const string LivePath = "live";
    public const string FailuresPath = "failures";

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
            .ToQueryString(OverviewDefaultRange, includeSelection: false);
        return query.Length == 0 ? "" : "?" + query;
    }

    public const string OverviewDefaultRange = TimeRange.Last24Hours;


    public static string Failures(FailuresFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = filter.ToQueryString();
        return query.Length == 0 ? FailuresPath : $"{FailuresPath}?{query}";
    }

    public static string Person(string personKey) => $"people/{Uri.EscapeDataString(personKey)}";

    public static string Session(string sessionKey) => $"sessions/{Uri.EscapeDataString(sessionKey)}";

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
        var query = LiveFilter.Join(parts);
        return rest.Length == 0 ? $"api/events?{query}" : $"api/events?{query}&{rest}";
    }
}
