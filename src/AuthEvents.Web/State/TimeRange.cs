using System.Globalization;

namespace AuthEvents.Web.State;

/// <summary>
/// A time range as it appears in a URL: a preset (<c>live</c>, <c>15m</c>, <c>1h</c>, <c>24h</c>, <c>7d</c>, <c>today</c>,
/// <c>yesterday</c>) or <c>custom</c> with explicit bounds. Presets are relative, so a copied link keeps meaning "the last
/// hour"; a custom range is absolute.
/// </summary>
public sealed record TimeRange(string Preset, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    public const string Live = "live";
    public const string Last15Minutes = "15m";
    public const string LastHour = "1h";
    public const string Last24Hours = "24h";
    public const string Last7Days = "7d";
    public const string Today = "today";
    public const string Yesterday = "yesterday";
    public const string Custom = "custom";

    /// <summary>The presets in picker order, with their labels.</summary>
    public static IReadOnlyList<RangePreset> Presets { get; } =
    [
        new(Live, "Live"), new(Last15Minutes, "Last 15 min"), new(LastHour, "Last hour"), new(Last24Hours, "Last 24 h"),
        new(Last7Days, "Last 7 days"), new(Today, "Today"), new(Yesterday, "Yesterday"), new(Custom, "Custom"),
    ];

    /// <summary>How far back the live view's rate chart looks.</summary>
    public static readonly TimeSpan LiveWindow = TimeSpan.FromMinutes(2);

    public bool IsLive => Preset == Live;

    public string Label => Preset == Custom && From is { } f && To is { } t
        ? $"{f.UtcDateTime:yyyy-MM-dd HH:mm} – {t.UtcDateTime:yyyy-MM-dd HH:mm} UTC"
        : Presets.FirstOrDefault(p => p.Preset == Preset)?.Label ?? Preset;

    /// <summary>Reads <c>range</c>, <c>from</c> and <c>to</c>; anything unknown falls back to <paramref name="fallback"/>.</summary>
    public static TimeRange Parse(string? preset, string? from, string? to, string fallback)
    {
        var f = ParseTime(from);
        var t = ParseTime(to);
        if (f is not null && t is not null && f < t && (preset is null || preset == Custom))
        {
            return new TimeRange(Custom, f, t);
        }

        return Presets.Any(p => p.Preset == preset && p.Preset != Custom) ? new TimeRange(preset!) : new TimeRange(fallback);
    }

    /// <summary>The absolute bounds now, in the viewer's zone for <c>today</c> and <c>yesterday</c>. The upper bound is exclusive.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Resolve(DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var end = now.AddTicks(1);
        return Preset switch
        {
            Live => (now - LiveWindow, end),
            Last15Minutes => (now.AddMinutes(-15), end),
            LastHour => (now.AddHours(-1), end),
            Last24Hours => (now.AddHours(-24), end),
            Last7Days => (now.AddDays(-7), end),
            Today => (StartOfDay(now, zone, 0), end),
            Yesterday => (StartOfDay(now, zone, -1), StartOfDay(now, zone, 0)),
            Custom when From is { } f && To is { } t => (f, t),
            _ => (now.AddHours(-1), end),
        };
    }

    /// <summary>The range of the same length just before this one (for "change against the previous range").</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Previous((DateTimeOffset From, DateTimeOffset To) range) =>
        (range.From - (range.To - range.From), range.From);

    private static DateTimeOffset StartOfDay(DateTimeOffset now, TimeZoneInfo zone, int days)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = local.Date.AddDays(days);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
