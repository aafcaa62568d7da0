using System.Globalization;
using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using AuthEvents.Web.Components.Charts;
using AuthEvents.Web.Hosting;
using AuthEvents.Web.Navigation;

namespace AuthEvents.Web.Components.Pages.Overview;

/// <summary>
/// What the overview shows for one range, built from the store's <see cref="OverviewData"/>: KPI tiles with their change,
/// the charts, and for every tile, bar and slice the /live or /failures link that opens exactly those events.
/// </summary>
public sealed class OverviewViewModel
{
    private const int TopCountries = 10;
    private static readonly IReadOnlyList<Outcome> Failed = [Outcome.Failure, Outcome.RateLimited];

    private OverviewViewModel(LiveFilter scope, DateTimeOffset from, DateTimeOffset to)
    {
        Scope = scope;
        From = from;
        To = to;
    }

    /// <summary>The range and source every link keeps.</summary>
    public LiveFilter Scope { get; }

    public DateTimeOffset From { get; }

    public DateTimeOffset To { get; }

    public IReadOnlyList<KpiTile> Tiles { get; private init; } = [];

    public ChartSpec Attempts { get; private init; } = default!;

    public ChartSpec MilestoneSuccess { get; private init; } = default!;

    public ChartSpec MfaFailures { get; private init; } = default!;

    public ChartSpec TopReasons { get; private init; } = default!;

    public ChartSpec Sources { get; private init; } = default!;

    public ChartSpec Countries { get; private init; } = default!;

    /// <summary>Per chart (by test id), the /live link of each category, in category order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CategoryLinks { get; private init; } = new Dictionary<string, IReadOnlyList<string>>();

    public static OverviewViewModel Build(OverviewData data, LiveFilter scope, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(scope);
        var range = scope with { Range = new TimeRange(TimeRange.Custom, from, to), Selected = null };
        var live = (Func<LiveFilter, LiveFilter> narrow) => DashboardUrls.Live(narrow(range));
        var milestones = data.Milestones.Where(m => m.Counts.Attempts > 0).ToList();
        var mfa = MfaFailuresByMethod(data.MfaByAuthenticator);
        var countries = data.Countries.Where(c => c.Country is not null).OrderByDescending(c => c.Counts.Total).Take(TopCountries).ToList();
        var sources = data.Sources.Where(s => s.Counts.Total > 0).ToList();
        return new OverviewViewModel(scope, from, to)
        {
            Tiles = BuildTiles(data.Kpis, range),
            Attempts = SeriesCharts.Outcomes(data.Attempts, 240) with { YTitle = "Events " + SeriesCharts.Label(data.Attempts.BucketSize) },
            MilestoneSuccess = new ChartSpec
            {
                Type = "hbar", Format = ChartFormat.Percent, Legend = false, Height = Math.Max(200, 26 * milestones.Count + 40),
                Categories = milestones.Select(m => m.Milestone).ToList(),
                Series = [new ChartSeries("Success rate", "p1", milestones.Select(m => m.Counts.SuccessRate.Value).ToList())],
                EmptyText = "No attempts in this range",
            },
            MfaFailures = new ChartSpec
            {
                Type = "hbar", Stacked = true, Height = Math.Max(200, 30 * mfa.Count + 60),
                Categories = mfa.Select(m => m.Label).ToList(),
                Series =
                [
                    new ChartSeries("Failure", "failure", mfa.Select(m => (double?)m.Failure).ToList()),
                    new ChartSeries("Rate limited", "ratelimited", mfa.Select(m => (double?)m.RateLimited).ToList()),
                ],
                EmptyText = "No MFA failures in this range",
            },
            TopReasons = new ChartSpec
            {
                Type = "hbar", Legend = false, Height = Math.Max(200, 28 * data.TopReasons.Count + 40),
                Categories = data.TopReasons.Select(r => r.Canonical).ToList(),
                Series = [new ChartSeries("Failures", "failure", data.TopReasons.Select(r => (double?)r.Count).ToList())],
                EmptyText = "No failures in this range",
            },
            Sources = new ChartSpec
            {
                Type = "donut", Height = 260,
                Categories = sources.Select(s => SourceNames.Display(s.Source)).ToList(),
                Series = [new ChartSeries("Events", "p1", sources.Select(s => (double?)s.Counts.Total).ToList())],
                EmptyText = "No events in this range",
            },
            Countries = new ChartSpec
            {
                Type = "hbar", Stacked = true, Height = Math.Max(200, 26 * countries.Count + 60),
                Categories = countries.Select(c => c.Country!).ToList(),
                Series = OutcomeKeys.Order.Select(o => new ChartSeries(OutcomeNames.Display(o), ChartPalette.Of(o), countries.Select(c => (double?)Count(c.Counts, o)).ToList())).ToList(),
                EmptyText = "No located events in this range",
            },
            CategoryLinks = new Dictionary<string, IReadOnlyList<string>>
            {
                ["milestone-chart"] = milestones.Select(m => live(f => f with { Milestones = [m.Milestone] })).ToList(),
                ["mfa-chart"] = mfa.Select(m => live(f => f with { Milestones = [AuthEvents.Core.Events.Milestones.MfaVerify], Outcomes = Failed, Authenticators = m.Raw })).ToList(),
                ["reasons-chart"] = data.TopReasons.Select(r => live(f => f with { Reasons = [r.Canonical], Outcomes = Failed })).ToList(),
                ["sources-chart"] = sources.Select(s => live(f => f with { Sources = [s.Source] })).ToList(),
                ["countries-chart"] = countries.Select(c => live(f => f with { Country = c.Country })).ToList(),
            },
        };
    }

    /// <summary>
    /// MFA failures by method, most first: the providers' names for one method (Login.gov <c>totp</c>, FusionAuth
    /// <c>authenticator</c>) add up under its label, and the raw names seen stay with it for the /live link. Events that
    /// name no method form their own bar.
    /// </summary>
    internal static List<MfaMethodFailures> MfaFailuresByMethod(IEnumerable<AuthenticatorCounts> counts) =>
        counts.Where(a => a.Counts.Failed > 0)
            .GroupBy(a => a.Authenticator is { } raw ? AuthEvents.Core.Events.MfaMethods.Of(raw).Label : "(not named)", StringComparer.Ordinal)
            .Select(g => new MfaMethodFailures(
                g.Key,
                g.Select(a => a.Authenticator).OfType<string>().Order(StringComparer.Ordinal).ToList(),
                g.Sum(a => a.Counts.Failure),
                g.Sum(a => a.Counts.RateLimited)))
            .OrderByDescending(m => m.Failure + m.RateLimited).ThenBy(m => m.Label, StringComparer.Ordinal)
            .ToList();

    /// <summary>One bar of the MFA chart: a method, the provider names it was stored under, and its failed events.</summary>
    internal sealed record MfaMethodFailures(string Label, IReadOnlyList<string> Raw, long Failure, long RateLimited);

    /// <summary>The /live link for a clicked point: a category's own link, or for the time chart that bucket (and outcome).</summary>
    public string? LinkFor(string chart, ChartPoint point, TimeSpan bucketSize)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (chart == "attempts-chart")
        {
            if (point.Time is not { } start)
            {
                return null;
            }

            var outcome = OutcomeKeys.Order.Where(o => OutcomeNames.Display(o) == point.Series).ToList();
            return DashboardUrls.Live(Scope with { Range = new TimeRange(TimeRange.Custom, start, start + bucketSize), Outcomes = outcome, Selected = null });
        }

        return CategoryLinks.TryGetValue(chart, out var links) && point.PointIndex >= 0 && point.PointIndex < links.Count ? links[point.PointIndex] : null;
    }

    private static long Count(OutcomeCounts counts, Outcome outcome) => outcome switch
    {
        Outcome.Success => counts.Success,
        Outcome.Failure => counts.Failure,
        Outcome.RateLimited => counts.RateLimited,
        _ => counts.Info,
    };

    private static List<KpiTile> BuildTiles(OverviewKpis kpis, LiveFilter range)
    {
        var (now, before) = (kpis.Current, kpis.Previous);
        string Live(Func<LiveFilter, LiveFilter> narrow) => DashboardUrls.Live(narrow(range));
        var loginMilestones = new[] { Milestones.LoginPassword, Milestones.LoginPolicy, Milestones.MfaVerify, Milestones.LoginComplete };
        return
        [
            CountTile("Attempts", now.Outcomes.Attempts, before.Outcomes.Attempts, KpiTrend.Neutral, "success, failure and rate-limited events",
                Live(f => f with { Outcomes = [Outcome.Success, Outcome.Failure, Outcome.RateLimited] }), "kpi-attempts"),
            RateTile("Sign-in success", now.SignInSuccess, before.SignInSuccess, higherIsBetter: true, "completed sign-ins of all sign-in endings",
                Live(f => f with { Milestones = loginMilestones }), "kpi-signin"),
            RateTile("MFA failure rate", now.MfaFailure, before.MfaFailure, higherIsBetter: false, "failed MFA challenges of all answered",
                Live(f => f with { Milestones = [Milestones.MfaVerify], Outcomes = Failed }), "kpi-mfa"),
            RateTile("IdV completion", now.IdvCompletion, before.IdvCompletion, higherIsBetter: true, "people who completed IdV of those who started",
                Live(f => f with { Milestones = [Milestones.IdvComplete] }), "kpi-idv"),
            CountTile("Rate-limit events", now.Outcomes.RateLimited, before.Outcomes.RateLimited, KpiTrend.Worse, "attempts stopped by a rate limiter",
                Live(f => f with { Outcomes = [Outcome.RateLimited] }), "kpi-ratelimited"),
            CountTile("Distinct people", now.DistinctPeople, before.DistinctPeople, KpiTrend.Neutral, "people with any event", "people", "kpi-people"),
            CountTile("Active sources", now.ActiveSources, before.ActiveSources, KpiTrend.Neutral, "of 4 providers sent events", "sources", "kpi-sources"),
        ];
    }

    // growth: what an increase means for this figure.
    private static KpiTile CountTile(string label, long now, long before, KpiTrend growth, string detail, string href, string testId)
    {
        var change = now - before;
        var text = change == 0 ? "no change"
            : before == 0 ? "new in this range"
            : $"{(change >= 0 ? "▲" : "▼")} {Math.Abs(change / (double)before).ToString("P0", CultureInfo.InvariantCulture)} vs previous";
        var trend = change == 0 || growth == KpiTrend.Neutral ? KpiTrend.Neutral : change > 0 ? growth : Opposite(growth);
        return new KpiTile(label, now.ToString("N0", CultureInfo.InvariantCulture), text, trend, detail, href, testId);
    }

    private static KpiTile RateTile(string label, Ratio now, Ratio before, bool higherIsBetter, string detail, string href, string testId)
    {
        var value = now.Value is { } v ? v.ToString("P1", CultureInfo.InvariantCulture) : "–";
        var parts = $"{now.Part.ToString("N0", CultureInfo.InvariantCulture)} of {now.Whole.ToString("N0", CultureInfo.InvariantCulture)}: {detail}";
        if (now.Value is not { } current || before.Value is not { } previous)
        {
            return new KpiTile(label, value, "no previous figure", KpiTrend.Neutral, parts, href, testId);
        }

        var points = (current - previous) * 100;
        var trend = Math.Abs(points) < 0.05 ? KpiTrend.Neutral : (points > 0) == higherIsBetter ? KpiTrend.Better : KpiTrend.Worse;
        var text = Math.Abs(points) < 0.05 ? "no change" : $"{(points > 0 ? "▲" : "▼")} {Math.Abs(points).ToString("0.0", CultureInfo.InvariantCulture)} pts vs previous";
        return new KpiTile(label, value, text, trend, parts, href, testId);
    }

    private static KpiTrend Opposite(KpiTrend trend) => trend == KpiTrend.Better ? KpiTrend.Worse : KpiTrend.Better;
}
