using System.Globalization;
using AuthEvents.Core.Journeys;
using AuthEvents.Web.Hosting;

namespace AuthEvents.Web.Journeys;

/// <summary>How the journey pages write numbers, times and keys.</summary>
public static class JourneyFormat
{
    /// <summary>A duration at a readable precision: <c>850 ms</c>, <c>4.2 s</c>, <c>3 min 5 s</c>, <c>2 h 10 min</c>, <c>3 d 4 h</c>; an en dash for none.</summary>
    public static string Duration(TimeSpan? value)
    {
        if (value is not { } d)
        {
            return "–";
        }

        var c = CultureInfo.InvariantCulture;
        if (d < TimeSpan.Zero)
        {
            return "-" + Duration(-d);
        }

        if (d < TimeSpan.FromSeconds(1))
        {
            return ((int)d.TotalMilliseconds).ToString(c) + " ms";
        }

        if (d < TimeSpan.FromMinutes(1))
        {
            return d.TotalSeconds.ToString(d.TotalSeconds < 10 && d.Milliseconds != 0 ? "0.0" : "0", c) + " s";
        }

        if (d < TimeSpan.FromHours(1))
        {
            return Pair(d.Minutes, "min", d.Seconds, "s");
        }

        return d < TimeSpan.FromDays(1) ? Pair(d.Hours, "h", d.Minutes, "min") : Pair((int)d.TotalDays, "d", d.Hours, "h");

        static string Pair(int major, string majorUnit, int minor, string minorUnit) =>
            minor == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{major} {majorUnit}")
                : string.Create(CultureInfo.InvariantCulture, $"{major} {majorUnit} {minor} {minorUnit}");
    }

    /// <summary>A share as a percentage with one decimal, or an en dash.</summary>
    public static string Percent(double? share) => share is { } s ? s.ToString("P1", CultureInfo.InvariantCulture) : "–";

    /// <summary>A count with thousands separators.</summary>
    public static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A count with its noun, singular for one: <c>1 event</c>, <c>2,400 events</c>.</summary>
    public static string Count(int value, string singular, string plural) => Count(value) + " " + (value == 1 ? singular : plural);

    /// <summary>A UTC time as shown in tables.</summary>
    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The full-precision form for a tooltip.</summary>
    public static string ExactTime(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>A long key cut to its start, for display; the full key stays in links and tooltips.</summary>
    public static string Abbreviate(string? key, int length = 14) =>
        key is null ? "" : key.Length <= length ? key : key[..(length - 2)] + "…";

    /// <summary>A breakdown value for display: source names as the product writes them.</summary>
    public static string BreakdownValue(FunnelBreakdown breakdown, string value) =>
        breakdown == FunnelBreakdown.Source && Enum.TryParse<Core.Events.EventSource>(value, out var source) ? SourceNames.Display(source) : value;

    /// <summary>A person for display: the masked e-mail where known, else the shortened key.</summary>
    public static string Person(string key, string? label) => label ?? Abbreviate(key, 24);
}
