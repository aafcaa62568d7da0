using AuthEvents.Core.Alerts;
using AuthEvents.Store.Alerts;
using AuthEvents.Web.Navigation;
using Microsoft.Extensions.Primitives;

namespace AuthEvents.Web.Components.Pages.Alerts;

/// <summary>
/// The /alerts view as it lives in the URL: rules, severities and statuses (open and acknowledged by default; <c>all</c>
/// for every status), an assignee (<c>me</c>, <c>none</c> or a user's subject), a range on last seen, the zone, and the
/// alert shown in detail. Unknown values are dropped, so a hand-edited link still opens.
/// </summary>
public sealed record AlertsUrl
{
    /// <summary>The statuses listed when the URL names none: the alerts that still want attention.</summary>
    public static IReadOnlyList<string> DefaultStatuses { get; } = [AlertLabels.StatusKey(AlertStatus.Open), AlertLabels.StatusKey(AlertStatus.Acknowledged)];

    /// <summary>The default view.</summary>
    public static AlertsUrl Default { get; } = new();

    public IReadOnlyList<string> Rules { get; init; } = [];

    public IReadOnlyList<string> Severities { get; init; } = [];

    public IReadOnlyList<string> Statuses { get; init; } = DefaultStatuses;

    public string? Assignee { get; init; }

    public TimeRange Range { get; init; } = new(TimeRange.All);

    public bool Utc { get; init; }

    public long? Selected { get; init; }

    /// <summary>True when the statuses are the default pair.</summary>
    public bool StatusesAreDefault => Statuses.SequenceEqual(DefaultStatuses);

    /// <summary>How many filters narrow the list beyond the defaults.</summary>
    public int ActiveFilterCount => Rules.Count + Severities.Count + (StatusesAreDefault ? 0 : 1) + (Assignee is null ? 0 : 1) + (Range.IsAll ? 0 : 1);

    /// <summary>Reads the view leniently from a query.</summary>
    public static AlertsUrl Parse(IReadOnlyDictionary<string, StringValues> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        IReadOnlyList<string> Many(string key, IEnumerable<string> known) =>
            query.TryGetValue(key, out var values)
                ? known.Where(k => values.SelectMany(v => (v ?? "").Split(',')).Any(v => string.Equals(v.Trim(), k, StringComparison.OrdinalIgnoreCase))).ToList()
                : [];
        string? One(string key) => query.TryGetValue(key, out var values) ? FilterCodec.OneValue(values) : null;

        var statusGiven = query.TryGetValue("status", out var statusValues) && statusValues.Any(v => !string.IsNullOrWhiteSpace(v));
        var all = statusGiven && statusValues.Any(v => string.Equals(v?.Trim(), "all", StringComparison.OrdinalIgnoreCase));
        var statuses = Many("status", AlertLabels.StatusKeys);
        var assignee = One("assignee");
        return new AlertsUrl
        {
            Rules = Many("rule", AlertRuleIds.All),
            Severities = Many("severity", AlertLabels.SeverityKeys),
            Statuses = all ? [] : statuses.Count > 0 ? statuses : DefaultStatuses,
            Assignee = assignee is null ? null : assignee.Length > 200 ? null : assignee,
            Range = TimeRange.Parse(One("range"), One("from"), One("to"), RangePresets.Alerts),
            Utc = string.Equals(One("tz"), "utc", StringComparison.OrdinalIgnoreCase),
            Selected = long.TryParse(One("alert"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null,
        };
    }

    /// <summary>The store's filter for this view; <paramref name="me"/> is the viewer's subject (for <c>assignee=me</c>).</summary>
    public AlertFilter ToFilter(string me, DateTimeOffset now, TimeZoneInfo zone)
    {
        var (from, to) = Range.ResolveOpen(now, zone);
        return new AlertFilter
        {
            Rules = Rules.ToHashSet(StringComparer.Ordinal),
            Severities = Severities.Select(AlertLabels.SeverityOf).ToHashSet(),
            Statuses = Statuses.Select(AlertLabels.StatusOf).ToHashSet(),
            Assignee = Assignee switch
            {
                null => null,
                "me" => me,
                "none" => AlertFilter.Unassigned,
                var subject => subject,
            },
            From = from,
            To = to,
        };
    }

    public bool Equals(AlertsUrl? other) =>
        other is not null && Rules.SequenceEqual(other.Rules) && Severities.SequenceEqual(other.Severities) && Statuses.SequenceEqual(other.Statuses)
        && Assignee == other.Assignee && Range == other.Range && Utc == other.Utc && Selected == other.Selected;

    public override int GetHashCode() => HashCode.Combine(Rules.Count, Severities.Count, Statuses.Count, Assignee, Range, Utc, Selected);
}
