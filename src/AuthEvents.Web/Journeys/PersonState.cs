namespace AuthEvents.Web.Journeys;

/// <summary>The /people/{key} view as it lives in the URL: the person, the range (<c>all</c> by default) and a failures-only filter.</summary>
public sealed record PersonState(string Key, string? Range = null, bool FailuresOnly = false)
{
    /// <summary>Ranges offered, with labels; null is everything.</summary>
    public static IReadOnlyList<(string? Value, string Label, TimeSpan? Span)> Ranges { get; } =
    [
        (null, "All time", null),
        ("30d", "30 days", TimeSpan.FromDays(30)),
        ("7d", "7 days", TimeSpan.FromDays(7)),
        ("24h", "24 hours", TimeSpan.FromHours(24)),
    ];

    /// <summary>Reads the URL; an unknown range means everything, and <c>failures</c> is on only when <c>true</c>.</summary>
    public static PersonState Parse(string key, string? range, string? failures) =>
        new(key, Ranges.Any(r => r.Value is not null && r.Value == range) ? range : null, string.Equals(failures, "true", StringComparison.OrdinalIgnoreCase));

    /// <summary>The range as [from, to) at <paramref name="now"/>, nulls meaning open.</summary>
    public (DateTimeOffset? From, DateTimeOffset? To) Resolve(DateTimeOffset now) =>
        Ranges.First(r => r.Value == Range).Span is { } span ? (now - span, null) : (null, null);

    /// <summary>The normal URL of this view.</summary>
    public string ToUrl() => JourneyUrls.Person(Key, Range, FailuresOnly);
}
