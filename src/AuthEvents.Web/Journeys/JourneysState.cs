using AuthEvents.Core.Journeys;
using AuthEvents.Web.State;

namespace AuthEvents.Web.Journeys;

/// <summary>
/// Everything the /journeys view shows, as it lives in the URL: funnel, range, conversion window, breakdown, and
/// the drop-off or fast-conversion list opened. <see cref="Parse"/> accepts anything and keeps only what is valid;
/// <see cref="ToUrl"/> writes the normal form (defaults left out), so a page can tell when to normalize its URL.
/// </summary>
public sealed record JourneysState(
    FunnelDefinition Funnel,
    TimeRange Range,
    string? Window = null,
    FunnelBreakdown Breakdown = FunnelBreakdown.None,
    string? DropOff = null,
    string? Fast = null)
{
    /// <summary>The funnel shown when none is chosen.</summary>
    public static FunnelDefinition DefaultFunnel => Funnels.IdentityVerification;

    /// <summary>Conversion windows offered in the picker (only those shorter than the funnel's own apply).</summary>
    public static IReadOnlyList<(string Value, string Label, TimeSpan Span)> Windows { get; } =
    [
        ("5m", "5 minutes", TimeSpan.FromMinutes(5)),
        ("15m", "15 minutes", TimeSpan.FromMinutes(15)),
        ("1h", "1 hour", TimeSpan.FromHours(1)),
        ("1d", "1 day", TimeSpan.FromDays(1)),
        ("7d", "7 days", TimeSpan.FromDays(7)),
    ];

    /// <summary>Breakdowns in picker order with their URL values and labels.</summary>
    public static IReadOnlyList<(FunnelBreakdown Value, string Url, string Label)> Breakdowns { get; } =
    [
        (FunnelBreakdown.None, "", "No breakdown"),
        (FunnelBreakdown.Source, "source", "Source"),
        (FunnelBreakdown.Country, "country", "Country"),
        (FunnelBreakdown.Authenticator, "authenticator", "Authenticator"),
        (FunnelBreakdown.RateLimit, "rate-limit", "Rate-limit type"),
    ];

    /// <summary>The default view.</summary>
    public static JourneysState Default { get; } = new(DefaultFunnel, new TimeRange(RangePresets.Journeys.Default));

    /// <summary>The chosen window, or null for the funnel's own.</summary>
    public TimeSpan? WindowSpan => Window is null ? null : Windows.First(w => w.Value == Window).Span;

    /// <summary>Index of the step whose drop-offs are listed, or -1.</summary>
    public int DropOffStep => IndexOf(DropOff);

    /// <summary>Index of the step whose fast conversions are listed, or -1.</summary>
    public int FastStep => IndexOf(Fast);

    /// <summary>The windows that apply to <paramref name="funnel"/>.</summary>
    public static IEnumerable<(string Value, string Label, TimeSpan Span)> WindowsFor(FunnelDefinition funnel)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        return Windows.Where(w => w.Span < funnel.ConversionWindow);
    }

    /// <summary>Reads the URL's query values; invalid ones fall back to their defaults or are dropped.</summary>
    public static JourneysState Parse(
        string? funnel, string? range, string? from, string? to, string? window, string? breakdown, string? dropOff, string? fast)
    {
        var f = Funnels.Find(funnel) ?? DefaultFunnel;
        var w = WindowsFor(f).Any(x => x.Value == window) ? window : null;
        var b = Breakdowns.FirstOrDefault(x => x.Url.Length > 0 && x.Url == breakdown).Value;
        var d = f.Steps.Any(s => s.Id == dropOff) ? dropOff : null;
        var q = d is null && f.Steps.Any(s => s.Id == fast && s.MinHumanTime is not null) ? fast : null;
        return new JourneysState(f, TimeRange.Parse(range, from, to, RangePresets.Journeys), w, b, d, q);
    }

    /// <summary>The normal URL of this view.</summary>
    public string ToUrl() => DashboardUrls.WithQuery(DashboardUrls.JourneysPath,
    [
        ("funnel", Funnel == DefaultFunnel ? null : Funnel.Id),
        .. Range.Query(RangePresets.Journeys).Select(p => (p.Key, (string?)p.Value)),
        ("window", Window),
        ("breakdown", Breakdowns.First(x => x.Value == Breakdown).Url),
        ("dropoff", DropOff),
        ("fast", Fast),
    ]);

    /// <summary>Another funnel: the window, lists and steps of the old one do not carry over.</summary>
    public JourneysState WithFunnel(string id) => this with { Funnel = Funnels.Find(id) ?? DefaultFunnel, Window = null, DropOff = null, Fast = null };

    /// <summary>The drop-off list of a step (closes any fast list).</summary>
    public JourneysState WithDropOff(string? step) => this with { DropOff = step, Fast = null };

    /// <summary>The fast-conversion list of a step (closes any drop-off list).</summary>
    public JourneysState WithFast(string? step) => this with { Fast = step, DropOff = null };

    /// <summary>
    /// How the range reads in a sentence: "the last 7 days", or the fixed bounds in <paramref name="zone"/> followed by
    /// <paramref name="zoneLabel"/> (e.g. <c>UTC</c>, <c>Asia/Tokyo (UTC+09:00)</c>).
    /// </summary>
    public string DescribeRange(TimeZoneInfo zone, string zoneLabel) => Range.IsCustom
        ? JourneyFormat.Time(Range.From!.Value, zone) + " – " + JourneyFormat.Time(Range.To!.Value, zone) + " " + zoneLabel
        : Range.Preset == TimeRange.LastHour ? "the last hour" : "the last " + RangePresets.Journeys.Label(Range).ToLowerInvariant();

    /// <summary>A window value as the picker shows it.</summary>
    public static string WindowLabel(FunnelDefinition funnel, string? window)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        return window is null
            ? "Funnel's own (" + JourneyFormat.Duration(funnel.ConversionWindow) + ")"
            : Windows.First(w => w.Value == window).Label;
    }

    private int IndexOf(string? step)
    {
        for (var i = 0; step is not null && i < Funnel.Steps.Count; i++)
        {
            if (string.Equals(Funnel.Steps[i].Id, step, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
