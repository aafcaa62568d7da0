using System.Globalization;

namespace AuthEvents.Web.Navigation;

/// <summary>
/// The fixed bounds a link or an API call may name. Instants lie within [2000-01-01, 2100-01-01] UTC: fixed dates, so a
/// link means the same thing tomorrow, and far from <see cref="DateTimeOffset"/>'s ends, so the previous range or a bucket
/// step can never overflow. A page's range spans at most 400 days: a year with room for a year-on-year look, which the
/// charts draw as at most 400 daily buckets.
/// </summary>
public static class RangeLimits
{
    /// <summary>The earliest bound accepted.</summary>
    public static DateTimeOffset Earliest { get; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The latest bound accepted.</summary>
    public static DateTimeOffset Latest { get; } = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The longest range a page shows.</summary>
    public static TimeSpan MaxSpan { get; } = TimeSpan.FromDays(400);

    /// <summary>True when <paramref name="time"/> may be a bound.</summary>
    public static bool Contains(DateTimeOffset time) => time >= Earliest && time <= Latest;

    /// <summary>A strict reader's error for a bound outside the limits; names the parameter, not its value.</summary>
    public static string OutOfRange(string name) =>
        $"'{name}' must lie between {FilterCodec.FormatTime(Earliest)} and {FilterCodec.FormatTime(Latest)}";

    /// <summary>
    /// The part of <c>[from, to)</c> a page shows: cut to the limits and, when longer than <see cref="MaxSpan"/>, the
    /// <see cref="MaxSpan"/> that ends with it (the newest part). Null when nothing of it lies within the limits.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To)? Clamp(DateTimeOffset from, DateTimeOffset to)
    {
        var start = from < Earliest ? Earliest : from;
        var end = to > Latest ? Latest : to;
        if (start >= end)
        {
            return null;
        }

        return end - start > MaxSpan ? (end - MaxSpan, end) : (start, end);
    }

    /// <summary>
    /// Reads a link's fixed bounds (see <see cref="FilterCodec.TryParseTime"/>) for a page: false when either is missing or
    /// unreadable or they are not in order; otherwise <paramref name="shown"/> is what <see cref="Clamp"/> leaves of them
    /// and <paramref name="clamped"/> says whether that differs from what the link asked.
    /// </summary>
    public static bool TryRead(string? from, string? to, out (DateTimeOffset From, DateTimeOffset To)? shown, out bool clamped)
    {
        shown = null;
        clamped = false;
        if (!FilterCodec.TryParseTime(from, out var f) || !FilterCodec.TryParseTime(to, out var t) || f >= t)
        {
            return false;
        }

        shown = Clamp(f, t);
        clamped = shown != (f, t);
        return true;
    }

    /// <summary>
    /// What a page says when a link's <paramref name="subject"/> (e.g. "The range") was outside the limits: the limits,
    /// and what it shows instead (the clamped bounds, or <paramref name="fallback"/>). It never quotes the link.
    /// </summary>
    public static string Notice(string subject, (DateTimeOffset From, DateTimeOffset To)? shown, string fallback)
    {
        var instead = shown is { } s ? $"{Format(s.From)} – {Format(s.To)} UTC" : fallback;
        return string.Create(CultureInfo.InvariantCulture,
            $"{subject} in the link lies outside what the dashboard shows: fixed ranges lie between {Format(Earliest)} and {Format(Latest)} UTC and span at most {MaxSpan.TotalDays:F0} days. Showing {instead} instead.");
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
