using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using Microsoft.Extensions.Primitives;

namespace AuthEvents.Web.Navigation;

/// <summary>
/// Everything that selects events on the live view, as it lives in the URL. <see cref="Parse"/> and
/// <see cref="ToQueryString"/> round-trip, so a copied link opens the same view; <see cref="ToEventQuery"/> turns it into the
/// store's typed query (never a filter string).
/// </summary>
public sealed record LiveFilter
{
    public TimeRange Range { get; init; } = new(TimeRange.Live);
    public IReadOnlyList<EventSource> Sources { get; init; } = [];
    public IReadOnlyList<string> Types { get; init; } = [];
    public IReadOnlyList<string> Milestones { get; init; } = [];
    public IReadOnlyList<Outcome> Outcomes { get; init; } = [];

    /// <summary>Canonical failure reason codes (see <c>FailureReasonCatalog</c>).</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
    /// <summary>With a reason: the provider's own field and raw code of that same failure reason.</summary>
    public string? ReasonField { get; init; }
    public string? ReasonCode { get; init; }

    /// <summary>MFA methods, tokens or device types as stored, any of these (a method's provider names, see <c>MfaMethods</c>).</summary>
    public IReadOnlyList<string> Authenticators { get; init; } = [];
    public string? Person { get; init; }
    public string? Session { get; init; }
    public string? Ip { get; init; }
    public string? Country { get; init; }

    /// <summary>Free text over non-sensitive fields.</summary>
    public string? Text { get; init; }

    /// <summary>Show times in UTC rather than the viewer's zone.</summary>
    public bool Utc { get; init; }

    /// <summary>The event open in the detail panel.</summary>
    public long? Selected { get; init; }

    public static LiveFilter Default { get; } = new();

    /// <summary>How many filters (besides the range) narrow the view.</summary>
    public int ActiveFilterCount =>
        Sources.Count + Types.Count + Milestones.Count + Outcomes.Count + Reasons.Count + (Authenticators.Count > 0 ? 1 : 0)
        + new[] { ReasonField, ReasonCode, Person, Session, Ip, Country, Text }.Count(v => !string.IsNullOrEmpty(v));

    /// <summary>
    /// Two filters that select the same view are equal, whichever list instances hold their values: a URL parsed again
    /// equals the filter it was made from, so a change of the selected event alone is seen as just that.
    /// </summary>
    public bool Equals(LiveFilter? other) =>
        other is not null && Range == other.Range && Sources.SequenceEqual(other.Sources) && Types.SequenceEqual(other.Types, StringComparer.Ordinal)
        && Milestones.SequenceEqual(other.Milestones, StringComparer.Ordinal) && Outcomes.SequenceEqual(other.Outcomes)
        && Reasons.SequenceEqual(other.Reasons, StringComparer.Ordinal) && ReasonField == other.ReasonField && ReasonCode == other.ReasonCode
        && Authenticators.SequenceEqual(other.Authenticators, StringComparer.Ordinal) && Person == other.Person && Session == other.Session
        && Ip == other.Ip && Country == other.Country && Text == other.Text && Utc == other.Utc && Selected == other.Selected;

    public override int GetHashCode() => HashCode.Combine(Range, Sources.Count, Types.Count + Milestones.Count + Outcomes.Count + Reasons.Count + Authenticators.Count, Person, Session, Ip, Text, Selected);

    /// <summary>
    /// The live view of exactly what a store query selects (a chart bar, a breakdown node): its bounds become a custom
    /// range, or the live range when it has none.
    /// </summary>
    public static LiveFilter From(EventQuery query, bool utc = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new LiveFilter
        {
            Range = query.From is { } f && query.To is { } t ? new TimeRange(TimeRange.Custom, f, t) : new TimeRange(TimeRange.Live),
            Sources = query.Sources,
            Types = query.EventTypes.Concat(query.EventType is { } one ? [one] : []).Distinct(StringComparer.Ordinal).ToList(),
            Milestones = query.Milestones,
            Outcomes = query.Outcomes,
            Reasons = query.Reasons,
            ReasonField = query.ReasonField,
            ReasonCode = query.ReasonCode,
            Authenticators = query.Authenticators,
            Person = query.PersonKey,
            Session = query.SessionKey,
            Ip = query.Ip,
            Country = query.Countries.Count > 0 ? query.Countries[0] : null,
            Text = query.Text,
            Utc = utc,
        };
    }

    /// <summary>Reads a page's URL leniently (see <see cref="FilterCodec"/>): what is unknown is dropped, the rest still opens.</summary>
    public static LiveFilter Parse(IReadOnlyDictionary<string, StringValues> query, RangePresets? presets = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Get(string key) => FilterCodec.OneValue(query.TryGetValue(key, out var v) ? v : StringValues.Empty);
        FilterCodec.TryReadSelection(query, CodecMode.Lenient, out var selection, out _);
        return From(selection) with
        {
            Range = TimeRange.Parse(Get("range"), Get("from"), Get("to"), presets ?? RangePresets.Live),
            Utc = string.Equals(Get("tz"), "utc", StringComparison.OrdinalIgnoreCase),
            Selected = long.TryParse(Get("event"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null,
        };
    }

    /// <summary>The URL query (without <c>?</c>) in a fixed order, leaving out defaults; empty for the default view.</summary>
    public string ToQueryString(RangePresets? presets = null, bool includeSelection = true)
    {
        var parts = new List<(string Key, string Value)>(Range.Query(presets ?? RangePresets.Live));
        FilterCodec.WriteSelection(parts, Selection);
        if (Utc)
        {
            parts.Add(("tz", "utc"));
        }

        if (includeSelection && Selected is { } selected)
        {
            parts.Add(("event", selected.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return DashboardUrls.Join(parts);
    }

    /// <summary>The store query for the grid and the export. The live range has no lower bound: the newest events, whatever their age.</summary>
    public EventQuery ToEventQuery(DateTimeOffset now, TimeZoneInfo zone)
    {
        var (from, to) = Range.IsLive ? ((DateTimeOffset?)null, (DateTimeOffset?)null) : Range.Resolve(now, zone);
        return Selection with { From = from, To = to };
    }

    /// <summary>What selects events, without the time bounds: what <see cref="FilterCodec"/> reads and writes.</summary>
    public EventQuery Selection => new()
    {
        Sources = Sources,
        EventTypes = Types,
        Milestones = Milestones,
        Outcomes = Outcomes,
        Reasons = Reasons,
        ReasonField = ReasonField,
        ReasonCode = ReasonCode,
        Authenticators = Authenticators,
        PersonKey = Person,
        SessionKey = Session,
        Ip = Ip,
        Countries = Country is null ? [] : [Country],
        Text = Text,
    };
}
