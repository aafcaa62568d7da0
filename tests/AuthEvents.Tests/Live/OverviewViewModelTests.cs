using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Components.Charts;
using AuthEvents.Web.Navigation;
using AuthEvents.Web.Components.Pages.Overview;

namespace AuthEvents.Tests.Live;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class OverviewViewModelTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddDays(1);

    private static OverviewData Data(KpiFigures current, KpiFigures previous) => new(
        new OverviewKpis(From, To, current, previous),
        new TimeSeries(TimeSpan.FromMinutes(15), [From], [new SeriesLine("success", [4]), new SeriesLine("failure", [1]), new SeriesLine("rate-limited", [0]), new SeriesLine("info", [2])]),
        [new MilestoneCounts(Milestones.LoginPassword, new OutcomeCounts(3, 1, 0, 0)), new MilestoneCounts(Milestones.IdvMail, new OutcomeCounts(0, 0, 0, 5))],
        [new AuthenticatorCounts("totp", new OutcomeCounts(5, 2, 1, 0)), new AuthenticatorCounts("sms", new OutcomeCounts(9, 0, 0, 0))],
        [new ReasonGroup(CanonicalReasons.InvalidCredentials, 7, [])],
        [new SourceCounts(EventSource.Entrust, new OutcomeCounts(1, 0, 0, 0)), new SourceCounts(EventSource.FusionAuth, default)],
        [new CountryCounts("US", new OutcomeCounts(2, 1, 0, 0)), new CountryCounts(null, new OutcomeCounts(9, 9, 9, 9))]);

    private static KpiFigures Figures(long success, long failure, long rateLimited, Ratio signIn, Ratio mfa, long people) =>
        new(new OutcomeCounts(success, failure, rateLimited, 0), signIn, mfa, new Ratio(0, 0), people, 2);

    [Fact]
    public void Tiles_ChangeAgainstPrevious_ColouredByWhatTheFigureMeans()
    {
        var model = OverviewViewModel.Build(
            Data(Figures(80, 10, 10, new Ratio(90, 100), new Ratio(30, 100), 40), Figures(40, 5, 5, new Ratio(95, 100), new Ratio(10, 100), 40)),
            LiveFilter.Default, From, To);
        var tiles = model.Tiles.ToDictionary(t => t.TestId);

        Assert.Equal(("100", "▲ 100 % vs previous", KpiTrend.Neutral), (tiles["kpi-attempts"].Value, tiles["kpi-attempts"].Change, tiles["kpi-attempts"].Trend));
        Assert.Equal(("90.0 %", "▼ 5.0 pts vs previous", KpiTrend.Worse), (tiles["kpi-signin"].Value, tiles["kpi-signin"].Change, tiles["kpi-signin"].Trend));
        Assert.Equal(("▲ 20.0 pts vs previous", KpiTrend.Worse), (tiles["kpi-mfa"].Change, tiles["kpi-mfa"].Trend));
        Assert.Equal(("10", KpiTrend.Worse), (tiles["kpi-ratelimited"].Value, tiles["kpi-ratelimited"].Trend));
        Assert.Equal(("no change", KpiTrend.Neutral), (tiles["kpi-people"].Change, tiles["kpi-people"].Trend));
        Assert.Equal(("–", "no previous figure"), (tiles["kpi-idv"].Value, tiles["kpi-idv"].Change));
        Assert.Equal("live?from=2026-11-21T12%3A00%3A00Z&to=2026-11-22T12%3A00%3A00Z&outcome=rate-limited", tiles["kpi-ratelimited"].Href);
    }

    [Fact]
    public void Charts_OnlyWhatHasData_WithALinkPerCategory()
    {
        var figures = Figures(1, 1, 1, new Ratio(1, 2), new Ratio(1, 2), 1);
        var model = OverviewViewModel.Build(Data(figures, figures), LiveFilter.Default with { Sources = [EventSource.Entrust] }, From, To);

        // idv.mail had only informational events: no success rate to show.
        Assert.Equal([Milestones.LoginPassword], model.MilestoneSuccess.Categories);
        Assert.Equal([0.75], model.MilestoneSuccess.Series[0].Data);
        Assert.Equal(["Authenticator app"], model.MfaFailures.Categories);
        Assert.Equal(["Entrust"], model.Sources.Categories);
        Assert.Equal(["US"], model.Countries.Categories);
        Assert.Equal(
            "live?from=2026-11-21T12%3A00%3A00Z&to=2026-11-22T12%3A00%3A00Z&source=Entrust&milestone=mfa.verify&outcome=failure&outcome=rate-limited&authenticator=totp",
            model.LinkFor("mfa-chart", new ChartPoint("Failure", 0, 0, "Authenticator app", null), TimeSpan.Zero));
        Assert.Null(model.LinkFor("mfa-chart", new ChartPoint("Failure", 0, 3, null, null), TimeSpan.Zero));
    }

    [Fact]
    public void MfaChart_ProvidersNamesForOneMethod_OneBarWithTheirSumAndAllNamesInItsLink()
    {
        var figures = Figures(1, 1, 1, new Ratio(1, 2), new Ratio(1, 2), 1);
        var data = Data(figures, figures) with
        {
            MfaByAuthenticator =
            [
                new AuthenticatorCounts("totp", new OutcomeCounts(5, 2, 0, 0)),
                new AuthenticatorCounts("authenticator", new OutcomeCounts(1, 3, 1, 0)),
                new AuthenticatorCounts("OTP", new OutcomeCounts(0, 1, 0, 0)),
                new AuthenticatorCounts("otp", new OutcomeCounts(0, 1, 1, 0)),
                new AuthenticatorCounts(null, new OutcomeCounts(0, 4, 0, 0)),
                new AuthenticatorCounts("sms", new OutcomeCounts(9, 0, 0, 0)),
                new AuthenticatorCounts("carrier-pigeon", new OutcomeCounts(0, 1, 0, 0)),
            ],
        };

        var model = OverviewViewModel.Build(data, LiveFilter.Default, From, To);

        Assert.Equal(["Authenticator app", "(not named)", "Phone code (SMS or voice)", "One-time passcode (SMS, e-mail or voice)", "carrier-pigeon"], model.MfaFailures.Categories);
        Assert.Equal([5, 4, 1, 1, 1], model.MfaFailures.Series[0].Data.Select(v => v!.Value));
        Assert.Equal([1, 0, 1, 0, 0], model.MfaFailures.Series[1].Data.Select(v => v!.Value));
        Assert.EndsWith("&authenticator=authenticator&authenticator=totp", model.LinkFor("mfa-chart", new ChartPoint("Failure", 0, 0, null, null), TimeSpan.Zero), StringComparison.Ordinal);
        Assert.DoesNotContain("authenticator=", model.LinkFor("mfa-chart", new ChartPoint("Failure", 0, 1, null, null), TimeSpan.Zero), StringComparison.Ordinal);
        // Only the names that failed: sms had no failures, so Login.gov's phone codes link to otp alone.
        Assert.EndsWith("&authenticator=otp", model.LinkFor("mfa-chart", new ChartPoint("Failure", 0, 2, null, null), TimeSpan.Zero), StringComparison.Ordinal);
    }

    [Fact]
    public void LinkFor_AttemptsBar_OpensThatBucketAndOutcome()
    {
        var figures = Figures(1, 1, 1, new Ratio(1, 2), new Ratio(1, 2), 1);
        var model = OverviewViewModel.Build(Data(figures, figures), LiveFilter.Default, From, To);

        var link = model.LinkFor("attempts-chart", new ChartPoint("Failure", 1, 0, null, From.AddHours(1)), TimeSpan.FromMinutes(15));

        Assert.Equal("live?from=2026-11-21T13%3A00%3A00Z&to=2026-11-21T13%3A15%3A00Z&outcome=failure", link);
    }
}
