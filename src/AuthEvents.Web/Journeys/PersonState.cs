using AuthEvents.Web.State;

namespace AuthEvents.Web.Journeys;

/// <summary>
/// The /people/{key} view as it lives in the URL: the person, the range (all time by default), a failures-only filter,
/// and times in UTC (<c>tz=utc</c>) rather than the viewer's zone.
/// </summary>
public sealed record PersonState(string Key, TimeRange Range, bool FailuresOnly = false, bool Utc = false)
{
    public PersonState(string key)
        : this(key, new TimeRange(RangePresets.Person.Default))
    {
    }

    /// <summary>
    /// Reads the URL; an unknown range means everything, <c>failures</c> is on only when <c>true</c>, and times are in
    /// UTC only for <c>tz=utc</c> (any case, as the other pages read it).
    /// </summary>
    public static PersonState Parse(string key, string? range, string? failures, string? tz = null) =>
        new(key, TimeRange.Parse(range, null, null, RangePresets.Person), string.Equals(failures, "true", StringComparison.OrdinalIgnoreCase),
            string.Equals(tz, "utc", StringComparison.OrdinalIgnoreCase));

    /// <summary>The range as [from, to) at <paramref name="now"/>, nulls meaning open.</summary>
    public (DateTimeOffset? From, DateTimeOffset? To) Resolve(DateTimeOffset now) =>
        Range.IsAll ? (null, null) : (Range.Resolve(now, TimeZoneInfo.Utc).From, null);

    /// <summary>The normal URL of this view.</summary>
    public string ToUrl() => DashboardUrls.Person(Key, Range, FailuresOnly, Utc);
}
