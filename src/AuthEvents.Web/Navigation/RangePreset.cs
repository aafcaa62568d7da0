namespace AuthEvents.Web.Navigation;

/// <summary>A time-range preset as pickers list it.</summary>
public sealed record RangePreset(string Preset, string Label);

/// <summary>
/// The ranges one page offers, in picker order, and the one it shows when the URL names none. Every page reads and
/// writes its range as one <see cref="TimeRange"/>; only these lists differ. A list that holds
/// <see cref="TimeRange.Custom"/> accepts fixed <c>from</c>/<c>to</c> bounds.
/// </summary>
public sealed record RangePresets(string Default, IReadOnlyList<RangePreset> Items)
{
    /// <summary>/live: from the live tail to a fixed range; the newest events by default.</summary>
    public static RangePresets Live { get; } = new(TimeRange.Live,
    [
        new(TimeRange.Live, "Live"), new(TimeRange.Last15Minutes, "Last 15 min"), new(TimeRange.LastHour, "Last hour"),
        new(TimeRange.Last24Hours, "Last 24 h"), new(TimeRange.Last7Days, "Last 7 days"), new(TimeRange.Today, "Today"),
        new(TimeRange.Yesterday, "Yesterday"), new(TimeRange.Custom, "Custom"),
    ]);

    /// <summary>The overview and the failures page: a summary needs a range, so no live tail; the last 24 hours by default.</summary>
    public static RangePresets Summary { get; } = new(TimeRange.Last24Hours, Live.Items.Where(p => p.Preset != TimeRange.Live).ToList());

    /// <summary>/journeys: funnels read over days; the last 7 days by default. A fixed range comes only from a link.</summary>
    public static RangePresets Journeys { get; } = new(TimeRange.Last7Days,
    [
        new(TimeRange.LastHour, "Last hour"), new(TimeRange.Last24Hours, "24 hours"), new(TimeRange.Last7Days, "7 days"),
        new(TimeRange.Last30Days, "30 days"), new(TimeRange.Custom, "Fixed range"),
    ]);

    /// <summary>A person's page: everything by default.</summary>
    public static RangePresets Person { get; } = new(TimeRange.All,
    [
        new(TimeRange.All, "All time"), new(TimeRange.Last30Days, "30 days"), new(TimeRange.Last7Days, "7 days"), new(TimeRange.Last24Hours, "24 hours"),
    ]);

    /// <summary>/audit: the last 7 days by default, back to the first entry, or fixed bounds.</summary>
    public static RangePresets Audit { get; } = new(TimeRange.Last7Days,
    [
        new(TimeRange.Last24Hours, "Last 24 h"), new(TimeRange.Last7Days, "Last 7 days"), new(TimeRange.Last30Days, "Last 30 days"),
        new(TimeRange.All, "All time"), new(TimeRange.Custom, "Custom"),
    ]);

    /// <summary>/alerts: by last seen; every alert by default (the status filter narrows the list first).</summary>
    public static RangePresets Alerts { get; } = new(TimeRange.All,
    [
        new(TimeRange.All, "All time"), new(TimeRange.Last24Hours, "Last 24 h"), new(TimeRange.Last7Days, "Last 7 days"),
        new(TimeRange.Last30Days, "Last 30 days"), new(TimeRange.Custom, "Custom"),
    ]);

    /// <summary>True when this page offers <paramref name="preset"/>.</summary>
    public bool Offers(string? preset) => preset is not null && Items.Any(p => p.Preset == preset);

    /// <summary>True when this page takes fixed bounds.</summary>
    public bool AllowsCustom => Offers(TimeRange.Custom);

    /// <summary>The presets a picker lists: the fixed range is chosen with its own fields, not from the list.</summary>
    public IEnumerable<RangePreset> Relative => Items.Where(p => p.Preset != TimeRange.Custom);

    /// <summary>How this page labels a range.</summary>
    public string Label(TimeRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return range.Preset == TimeRange.Custom && range.From is { } f && range.To is { } t
            ? $"{f.UtcDateTime:yyyy-MM-dd HH:mm} – {t.UtcDateTime:yyyy-MM-dd HH:mm} UTC"
            : Items.FirstOrDefault(p => p.Preset == range.Preset)?.Label ?? range.Preset;
    }
}
