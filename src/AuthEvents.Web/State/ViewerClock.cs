using System.Globalization;

namespace AuthEvents.Web.State;

/// <summary>
/// The viewer's time zone for one circuit (read once from the browser), and how times are shown: in that zone or in UTC,
/// with full precision for tooltips. Until the browser has answered, times show in UTC.
/// </summary>
public sealed class ViewerClock
{
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public bool Known { get; private set; }

    /// <summary>The zone's name as the browser gave it (the system may know it under an older alias: Asia/Calcutta).</summary>
    public string Name { get; private set; } = "UTC";

    /// <summary>Takes the browser's IANA zone name; an unknown name keeps UTC.</summary>
    public void SetZone(string? ianaName)
    {
        Known = true;
        if (!string.IsNullOrWhiteSpace(ianaName) && TimeZoneInfo.TryFindSystemTimeZoneById(ianaName, out var zone))
        {
            Zone = zone;
            Name = ianaName.Trim();
        }
    }

    /// <summary>The zone a view shows: UTC when asked for, else the viewer's.</summary>
    public TimeZoneInfo ZoneFor(bool utc) => utc ? TimeZoneInfo.Utc : Zone;

    /// <summary>The zone's name alone, for a column header: <c>UTC</c> or the browser's name, e.g. <c>Europe/Berlin</c>.</summary>
    public string ZoneName(bool utc) => ZoneFor(utc) == TimeZoneInfo.Utc ? "UTC" : Name;

    /// <summary>A short zone label: <c>UTC</c> or the zone's offset now, e.g. <c>UTC+01:00</c>.</summary>
    public string Label(bool utc, DateTimeOffset now)
    {
        var zone = ZoneFor(utc);
        if (zone == TimeZoneInfo.Utc)
        {
            return "UTC";
        }

        var offset = zone.GetUtcOffset(now);
        return offset == TimeSpan.Zero ? $"{Name} (UTC)" : $"{Name} (UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm})";
    }

    public string Format(DateTimeOffset time, bool utc, string format) =>
        TimeZoneInfo.ConvertTime(time, ZoneFor(utc)).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Full precision, for hover: the instant in UTC and in the shown zone.</summary>
    public string Precise(DateTimeOffset time, bool utc)
    {
        var utcText = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        return utc || Zone == TimeZoneInfo.Utc
            ? utcText
            : $"{TimeZoneInfo.ConvertTime(time, Zone).ToString("yyyy-MM-dd HH:mm:ss.fffffff zzz", CultureInfo.InvariantCulture)} · {utcText}";
    }
}
