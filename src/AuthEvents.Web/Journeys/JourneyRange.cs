using System.Globalization;

namespace AuthEvents.Web.Journeys;

/// <summary>
/// The time range of a journeys view: a preset ending now (<c>1h</c>, <c>24h</c>, <c>7d</c>, <c>30d</c>) or a fixed
/// <c>from</c>/<c>to</c> pair (ISO 8601, UTC). A preset link shows the latest data when opened later; a fixed one the same data.
/// </summary>
public sealed record JourneyRange(string Preset, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    /// <summary>The preset used when none (or an unknown one) is given.</summary>
    public const string DefaultPreset = "7d";

    /// <summary>The fixed-range marker.</summary>
    public const string Custom = "custom";

    /// <summary>Presets in picker order, with their labels and spans.</summary>
    public static IReadOnlyList<(string Value, string Label, TimeSpan Span)> Presets { get; } =
    [
        ("1h", "Last hour", TimeSpan.FromHours(1)),
        ("24h", "24 hours", TimeSpan.FromHours(24)),
        ("7d", "7 days", TimeSpan.FromDays(7)),
        ("30d", "30 days", TimeSpan.FromDays(30)),
    ];

    /// <summary>The default range.</summary>
    public static JourneyRange Default { get; } = new(DefaultPreset);

    /// <summary>Reads the URL's <c>range</c>, <c>from</c> and <c>to</c>; a valid from/to pair wins over a preset.</summary>
    public static JourneyRange Parse(string? range, string? from, string? to)
    {
        if (TryTime(from, out var f) && TryTime(to, out var t) && f < t)
        {
            return new JourneyRange(Custom, f, t);
        }

        return Presets.Any(p => p.Value == range) ? new JourneyRange(range!) : Default;
    }

    /// <summary>The range as [from, to) at <paramref name="now"/>.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Resolve(DateTimeOffset now)
    {
        if (Preset == Custom && From is { } f && To is { } t)
        {
            return (f, t);
        }

        var span = Presets.First(p => p.Value == Preset).Span;
        return (now - span, now);
    }

    /// <summary>The URL query pairs for this range; the default preset adds none.</summary>
    public IEnumerable<(string Key, string Value)> Query()
    {
        if (Preset == Custom)
        {
            yield return ("from", Format(From!.Value));
            yield return ("to", Format(To!.Value));
        }
        else if (Preset != DefaultPreset)
        {
            yield return ("range", Preset);
        }
    }

    /// <summary>How the range reads in a heading.</summary>
    public string Describe() => Preset == Custom
        ? JourneyFormat.Time(From!.Value) + " – " + JourneyFormat.Time(To!.Value) + " UTC"
        : Presets.First(p => p.Value == Preset).Label.ToLowerInvariant() switch
        {
            "last hour" => "the last hour",
            var label => "the last " + label,
        };

    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static bool TryTime(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
}
