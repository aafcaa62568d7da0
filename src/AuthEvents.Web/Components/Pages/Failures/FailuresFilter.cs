using AuthEvents.Core.Events;
using Microsoft.Extensions.Primitives;
using AuthEvents.Web.Navigation;

namespace AuthEvents.Web.Components.Pages.Failures;

/// <summary>
/// What the failures page shows, as it lives in the URL: the range (a preset or custom bounds; 24 hours by default),
/// one source or all, the tree's grouping, the comparison and its baseline, and the time zone. <see cref="Parse"/> and
/// <see cref="ToQueryString"/> round-trip, so a copied link opens the same view.
/// </summary>
public sealed record FailuresFilter
{
    public TimeRange Range { get; init; } = new(RangePresets.Summary.Default);

    /// <summary>One source, or null for all.</summary>
    public EventSource? Source { get; init; }

    public FailureGrouping Grouping { get; init; } = FailureGrouping.Source;

    public CompareMode Compare { get; init; } = CompareMode.Off;

    /// <summary>With <see cref="CompareMode.Custom"/>: the baseline's bounds (the upper one exclusive).</summary>
    public DateTimeOffset? BaselineFrom { get; init; }

    public DateTimeOffset? BaselineTo { get; init; }

    /// <summary>Show times in UTC rather than the viewer's zone (also where <c>today</c> starts).</summary>
    public bool Utc { get; init; }

    public static FailuresFilter Default { get; } = new();

    /// <summary>
    /// Reads the URL query; anything unknown or inconsistent falls back to the default, never to a guess. Bounds beyond
    /// <see cref="RangeLimits"/>, the range's or the baseline's, are clamped or dropped with a notice on <see cref="Range"/>.
    /// </summary>
    public static FailuresFilter Parse(IReadOnlyDictionary<string, StringValues> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Get(string key) => FilterCodec.OneValue(query.TryGetValue(key, out var v) ? v : StringValues.Empty);
        var range = TimeRange.Parse(Get("range"), Get("from"), Get("to"), RangePresets.Summary);
        var baseBounds = RangeLimits.TryRead(Get("baseFrom"), Get("baseTo"), out var baseline, out var baselineClamped);
        var hasBaseline = baseline is not null;
        var compareText = Get("compare")?.ToLowerInvariant();
        var compare = compareText switch
        {
            "previous" => CompareMode.Previous,
            "week" => CompareMode.WeekEarlier,
            // A custom comparison without usable bounds still asks for a comparison: the previous range.
            "custom" => hasBaseline ? CompareMode.Custom : CompareMode.Previous,
            null when hasBaseline => CompareMode.Custom,
            // Bounds wholly beyond the limits asked for a comparison too.
            null when baseBounds => CompareMode.Previous,
            _ => CompareMode.Off,
        };
        // Only a baseline the comparison uses is worth a word; one left beside another comparison is simply dropped.
        var baselineNotice = baseBounds && baselineClamped && compareText is null or "custom"
            ? RangeLimits.Notice("The comparison range", baseline, "the previous range")
            : null;
        return new FailuresFilter
        {
            Range = (range.IsLive ? new TimeRange(RangePresets.Summary.Default) : range) with { Notice = range.Notice ?? baselineNotice },
            Source = FilterCodec.TryParseSource(Get("source"), out var source) ? source : null,
            Grouping = string.Equals(Get("group"), "reason", StringComparison.OrdinalIgnoreCase) ? FailureGrouping.Reason : FailureGrouping.Source,
            Compare = compare,
            BaselineFrom = compare == CompareMode.Custom ? baseline?.From : null,
            BaselineTo = compare == CompareMode.Custom ? baseline?.To : null,
            Utc = string.Equals(Get("tz"), "utc", StringComparison.OrdinalIgnoreCase),
        };
    }

    /// <summary>The URL query (without <c>?</c>) in a fixed order, leaving out defaults; empty for the default view.</summary>
    public string ToQueryString()
    {
        var parts = new List<(string Key, string Value)>(Range.IsLive ? [] : Range.Query(RangePresets.Summary));

        if (Source is { } source)
        {
            parts.Add(("source", source.ToString()));
        }

        if (Grouping == FailureGrouping.Reason)
        {
            parts.Add(("group", "reason"));
        }

        switch (Compare)
        {
            case CompareMode.Previous:
                parts.Add(("compare", "previous"));
                break;
            case CompareMode.WeekEarlier:
                parts.Add(("compare", "week"));
                break;
            case CompareMode.Custom when BaselineFrom is { } baseFrom && BaselineTo is { } baseTo && baseFrom < baseTo:
                parts.Add(("compare", "custom"));
                parts.Add(("baseFrom", FilterCodec.FormatTime(baseFrom)));
                parts.Add(("baseTo", FilterCodec.FormatTime(baseTo)));
                break;
            case CompareMode.Custom:
                parts.Add(("compare", "previous"));
                break;
        }

        if (Utc)
        {
            parts.Add(("tz", "utc"));
        }

        return DashboardUrls.Join(parts);
    }

    /// <summary>
    /// The range's absolute bounds now (the upper one exclusive), widened to whole seconds: links to <c>/live</c> and the
    /// export carry bounds to the second, so they then select exactly the events the page counted.
    /// </summary>
    public (DateTimeOffset From, DateTimeOffset To) Resolve(DateTimeOffset now, TimeZoneInfo zone) => Range.ResolveWholeSeconds(now, zone);

    /// <summary>The baseline's bounds for a range resolved as <paramref name="current"/>; null when not comparing.</summary>
    public (DateTimeOffset From, DateTimeOffset To)? Baseline((DateTimeOffset From, DateTimeOffset To) current) => Compare switch
    {
        CompareMode.Previous => TimeRange.Previous(current),
        CompareMode.WeekEarlier => (current.From.AddDays(-7), current.To.AddDays(-7)),
        CompareMode.Custom when BaselineFrom is { } from && BaselineTo is { } to && from < to => (from, to),
        CompareMode.Custom => TimeRange.Previous(current),
        _ => null,
    };

    /// <summary>
    /// The live-view filter of what this page selects: failed and rate-limited events of the range (and source). With
    /// <paramref name="resolved"/> (the bounds the page counted) the range is those bounds, so its export
    /// (<see cref="DashboardUrls.Export"/>) is exactly the page's selection; without, it keeps the relative preset.
    /// </summary>
    public LiveFilter ToLiveFilter((DateTimeOffset From, DateTimeOffset To)? resolved = null) => new()
    {
        Range = resolved is { } r ? new TimeRange(TimeRange.Custom, r.From, r.To) : Range,
        Sources = Source is { } source ? [source] : [],
        Outcomes = [Outcome.Failure, Outcome.RateLimited],
        Utc = Utc,
    };
}
