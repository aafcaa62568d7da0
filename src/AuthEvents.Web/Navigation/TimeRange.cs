namespace AuthEvents.Web.Navigation;

/// <summary>
/// A time range as it appears in a URL: a preset (<c>live</c>, <c>15m</c>, <c>1h</c>, <c>24h</c>, <c>7d</c>, <c>30d</c>,
/// <c>today</c>, <c>yesterday</c>, <c>all</c>) or <c>custom</c> with explicit bounds. Presets are relative, so a copied
/// link keeps meaning "the last hour"; a custom range is absolute. Which presets a page offers, and its default, is its
/// <see cref="RangePresets"/>.
/// </summary>
public sealed record TimeRange(string Preset, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    public const string Live = "live";
    public const string Last15Minutes = "15m";
    public const string LastHour = "1h";
    public const string Last24Hours = "24h";
    public const string Last7Days = "7d";
    public const string Last30Days = "30d";
    public const string Today = "today";
    public const string Yesterday = "yesterday";
    public const string All = "all";
    public const string Custom = "custom";

    /// <summary>How far back the live view's rate chart looks.</summary>
    public static readonly TimeSpan LiveWindow = TimeSpan.FromMinutes(2);

    public bool IsLive => Preset == Live;

    /// <summary>True for a range with no lower bound (a person's whole history).</summary>
    public bool IsAll => Preset == All;

    /// <summary>The label /live gives this range (pages with other labels ask their <see cref="RangePresets"/>).</summary>
    public string Label => RangePresets.Live.Label(this);

    public bool IsCustom => Preset == Custom && From is not null && To is not null;

    /// <summary>
    /// Reads <c>range</c>, <c>from</c> and <c>to</c> leniently: valid bounds make a custom range where the page takes one
    /// (they are what a shared link pinned down, so they win over a preset); anything else unknown falls back to the
    /// page's default. Bounds beyond <see cref="RangeLimits"/> are clamped, or dropped when nothing is left, with a
    /// <see cref="Notice"/> saying so.
    /// </summary>
    public static TimeRange Parse(string? preset, string? from, string? to, RangePresets presets)
    {
        ArgumentNullException.ThrowIfNull(presets);
        var bounds = RangeLimits.TryRead(from, to, out var shown, out var clamped) && presets.AllowsCustom;
        if (bounds && shown is { } s)
        {
            return new TimeRange(Custom, s.From, s.To) { Notice = clamped ? RangeLimits.Notice("The range", s, "") : null };
        }

        var range = presets.Offers(preset) && preset != Custom ? new TimeRange(preset!) : new TimeRange(presets.Default);
        return bounds ? range with { Notice = RangeLimits.Notice("The range", null, $"“{presets.Label(range)}”") } : range;
    }

    /// <summary>
    /// Why the link's bounds were not used as given (they lay outside <see cref="RangeLimits"/>), for the page to show;
    /// null when they were. No part of the range's value: a clamped range's canonical URL reads back equal to it.
    /// </summary>
    public string? Notice { get; init; }

    public bool Equals(TimeRange? other) => other is not null && Preset == other.Preset && From == other.From && To == other.To;

    public override int GetHashCode() => HashCode.Combine(Preset, From, To);

    /// <summary>The URL pairs of this range on a page with <paramref name="presets"/>: bounds, or the preset unless it is the default.</summary>
    public IEnumerable<(string Key, string Value)> Query(RangePresets presets)
    {
        ArgumentNullException.ThrowIfNull(presets);
        if (IsCustom)
        {
            yield return ("from", FilterCodec.FormatTime(From!.Value));
            yield return ("to", FilterCodec.FormatTime(To!.Value));
        }
        else if (Preset != presets.Default && Preset != Custom)
        {
            yield return ("range", Preset);
        }
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
            Last30Days => (now.AddDays(-30), end),
            Today => (StartOfDay(now, zone, 0), end),
            Yesterday => (StartOfDay(now, zone, -1), StartOfDay(now, zone, 0)),
            All => (DateTimeOffset.MinValue, end),
            Custom when From is { } f && To is { } t => (f, t),
            _ => (now.AddHours(-1), end),
        };
    }

    /// <summary>The bounds a query takes: <c>all</c> has none, the others those of <see cref="Resolve"/>.</summary>
    public (DateTimeOffset? From, DateTimeOffset? To) ResolveOpen(DateTimeOffset now, TimeZoneInfo zone)
    {
        if (IsAll)
        {
            return (null, null);
        }

        var (from, to) = Resolve(now, zone);
        return (from, to);
    }

    /// <summary>
    /// <see cref="Resolve"/> widened to whole seconds (the upper bound stays exclusive): links to <c>/live</c> and exports
    /// carry bounds to the second, so a page that counts over these bounds links to exactly the events it counted.
    /// </summary>
    public (DateTimeOffset From, DateTimeOffset To) ResolveWholeSeconds(DateTimeOffset now, TimeZoneInfo zone)
    {
        var (from, to) = Resolve(now, zone);
        var floor = new DateTimeOffset(from.UtcTicks - (from.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var ceiling = new DateTimeOffset(to.UtcTicks + ((TimeSpan.TicksPerSecond - (to.UtcTicks % TimeSpan.TicksPerSecond)) % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return (floor, ceiling);
    }

    /// <summary>
    /// The range of the same length just before this one (for "change against the previous range"). Safe for ranges read
    /// through <see cref="Parse"/>: their bounds lie within <see cref="RangeLimits"/>, far from <see cref="DateTimeOffset.MinValue"/>.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To) Previous((DateTimeOffset From, DateTimeOffset To) range) =>
        (range.From - (range.To - range.From), range.From);

    private static DateTimeOffset StartOfDay(DateTimeOffset now, TimeZoneInfo zone, int days)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = local.Date.AddDays(days);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }
}
