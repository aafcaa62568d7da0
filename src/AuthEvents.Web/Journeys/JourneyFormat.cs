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

    /// <summary>A time as shown in tables, in <paramref name="zone"/> (the viewer's, or UTC): <c>2026-11-20 17:00:00</c>.</summary>
    public static string Time(DateTimeOffset value, TimeZoneInfo zone) => Local(value, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The time of day in <paramref name="zone"/>, where the date shows elsewhere (a session's rows): <c>17:00:00</c>.</summary>
    public static string TimeOfDay(DateTimeOffset value, TimeZoneInfo zone) => Local(value, zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The day <paramref name="value"/> falls on in <paramref name="zone"/>: what groups a day's events for that viewer.</summary>
    public static DateOnly Day(DateTimeOffset value, TimeZoneInfo zone) => DateOnly.FromDateTime(Local(value, zone).DateTime);

    /// <summary>
    /// First to last time in <paramref name="zone"/>: the date once when both fall on the same day there
    /// (<c>2026-11-20 17:00:00 – 17:05:00</c>), else both dates; when the zone's offset changed in between (a daylight
    /// saving switch) each time carries its offset, so an hour that repeats is not read as no time at all.
    /// </summary>
    public static string Span(DateTimeOffset first, DateTimeOffset last, TimeZoneInfo zone)
    {
        var from = Local(first, zone);
        var to = Local(last, zone);
        if (from == to)
        {
            return Time(first, zone);
        }

        var c = CultureInfo.InvariantCulture;
        if (from.Offset != to.Offset)
        {
            return $"{from.ToString("yyyy-MM-dd HH:mm:ss zzz", c)} – {to.ToString(from.Date == to.Date ? "HH:mm:ss zzz" : "yyyy-MM-dd HH:mm:ss zzz", c)}";
        }

        return $"{from.ToString("yyyy-MM-dd HH:mm:ss", c)} – {to.ToString(from.Date == to.Date ? "HH:mm:ss" : "yyyy-MM-dd HH:mm:ss", c)}";
    }

    private static DateTimeOffset Local(DateTimeOffset value, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTime(value, zone);
    }

    /// <summary>A long key cut to its start, for display; the full key stays in links and tooltips.</summary>
    public static string Abbreviate(string? key, int length = 14) =>
        key is null ? "" : key.Length <= length ? key : key[..(length - 2)] + "…";

    /// <summary>A breakdown value for display: source names as the product writes them.</summary>
    public static string BreakdownValue(FunnelBreakdown breakdown, string value) =>
        breakdown == FunnelBreakdown.Source && Enum.TryParse<Core.Events.EventSource>(value, out var source) ? SourceNames.Display(source) : value;

    /// <summary>A person for display: the masked e-mail where known, else the shortened key.</summary>
    public static string Person(string key, string? label) => label ?? Abbreviate(key, 24);
}
