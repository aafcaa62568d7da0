using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Components.Charts;
using AuthEvents.Web.Navigation;
using AuthEvents.Web.Components.Pages.Failures;

namespace AuthEvents.Tests.Failures;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class FailuresViewModelTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddHours(2);

    [Fact]
    public void TreeRows_FirstLoad_OpensOnlyTheLargestSource()
    {
        var model = Model();

        var rows = model.TreeRows();

        Assert.Equal(["Login.gov", "login-email-and-password-auth", "idv-phone-submitted", "1Password"], rows.Select(r => r.Label));
        Assert.Equal([0, 1, 1, 0], rows.Select(r => r.Depth));
        Assert.Equal([true, false, false, false], rows.Select(r => r.Expanded));
        Assert.All(rows, r => Assert.True(r.Expandable));
    }

    [Fact]
    public void Toggle_ClosedNode_OpensItAndKeepsTheDefaultOpenOne()
    {
        var model = Model();
        var onePassword = model.TreeRows()[3];

        model.Toggle(onePassword.Id);
        var rows = model.TreeRows();
        model.Toggle(rows[0].Id);

        Assert.Equal(["Login.gov", "login-email-and-password-auth", "idv-phone-submitted", "1Password", "credentials_failed"], rows.Select(r => r.Label));
        Assert.Equal(["Login.gov", "1Password", "credentials_failed"], model.TreeRows().Select(r => r.Label));
    }

    [Fact]
    public void ExpandAll_ThenCollapseAll_ShowsEveryNodeThenOnlyTopLevel()
    {
        var model = Model();

        model.ExpandAll();
        var all = model.TreeRows();
        model.CollapseAll();

        Assert.Equal(11, all.Count);
        Assert.Equal([0, 1, 2, 3, 1, 2, 3, 0, 1, 2, 3], all.Select(r => r.Depth));
        Assert.Equal("invalid", all[3].Label);
        Assert.Equal(CanonicalReasons.InvalidCredentials, all[3].Tag);
        Assert.False(all[3].Expandable);
        Assert.Equal(["Login.gov", "1Password"], model.TreeRows().Select(r => r.Label));
    }

    [Fact]
    public void NodeLink_ProviderCode_OpensLiveOnExactlyThatCodeInTheRange()
    {
        var model = Model();
        model.ExpandAll();

        var leaf = model.TreeRows()[3];

        Assert.Equal(
            "live?from=2026-11-22T00%3A00%3A00Z&to=2026-11-22T02%3A00%3A00Z&source=LoginGov&type=login-email-and-password-auth&outcome=failure&outcome=rate-limited"
            + "&reason=invalid-credentials&reasonField=password&reasonCode=invalid",
            leaf.LiveUrl);
    }

    [Fact]
    public void TreeRows_ReasonGroupingWithASource_CodesNameTheirProviderAndLinksKeepTheSource()
    {
        var model = Model(new FailuresFilter { Grouping = FailureGrouping.Reason, Source = EventSource.OnePassword, Utc = true });

        var rows = model.TreeRows();

        Assert.Equal([CanonicalReasons.InvalidCredentials, "credentials_failed", "invalid"], rows.Select(r => r.Label));
        Assert.Equal("1Password · credentials_failed · category", rows[1].Detail);
        Assert.Null(rows[1].Tag);
        Assert.Equal("canonical reason", rows[0].LevelName);
        Assert.Contains("source=OnePassword", rows[0].LiveUrl, StringComparison.Ordinal);
        Assert.Contains("reason=invalid-credentials", rows[0].LiveUrl, StringComparison.Ordinal);
        Assert.EndsWith("&tz=utc", rows[0].LiveUrl, StringComparison.Ordinal);
    }

    [Fact]
    public void BarLink_ClickedBucket_OpensThatReasonInThatBucketClippedToTheRange()
    {
        var model = Model(new FailuresFilter { Source = EventSource.Entrust });

        var inside = model.BarLink(new ChartPoint(CanonicalReasons.MfaInvalid, 0, 1, null, From.AddHours(1)));
        var edge = model.BarLink(new ChartPoint(CanonicalReasons.MfaInvalid, 0, 0, null, From.AddMinutes(-30)));

        Assert.Equal(
            "live?from=2026-11-22T01%3A00%3A00Z&to=2026-11-22T02%3A00%3A00Z&source=Entrust&outcome=failure&outcome=rate-limited&reason=mfa-invalid",
            inside);
        Assert.StartsWith("live?from=2026-11-22T00%3A00%3A00Z&to=2026-11-22T00%3A30%3A00Z&", edge, StringComparison.Ordinal);
        Assert.Null(model.BarLink(new ChartPoint(null, -1, -1, null, null)));
    }

    [Fact]
    public void ComparisonRows_MoreAndFewerFailures_MarkedWorseAndBetterInWords()
    {
        var model = Model(comparison: Comparison());

        var rows = model.ComparisonRows();
        var total = model.ComparisonTotal()!;

        Assert.Equal([CanonicalReasons.InvalidCredentials, CanonicalReasons.MfaInvalid, CanonicalReasons.DocumentRejected], rows.Select(r => r.Label));
        Assert.Equal([ChangeDirection.Worse, ChangeDirection.Better, ChangeDirection.Same], rows.Select(r => r.Direction));
        Assert.Equal(["+10", "\u22125", "0"], rows.Select(r => r.DifferenceText));
        Assert.Equal(["+50 %", "\u221250 %", "0 %"], rows.Select(r => r.ChangeText));
        Assert.Equal("10 more than the baseline, worse", rows[0].DirectionText);
        Assert.Equal("5 fewer than the baseline, better", rows[1].DirectionText);
        Assert.Equal((37L, 32L, "+5"), (total.Current, total.Baseline, total.DifferenceText));
        Assert.False(model.UnequalLengths);
    }

    [Fact]
    public void ToggleReason_Expanded_ListsItsProviderCodesWithLinksInTheCurrentRange()
    {
        var model = Model(comparison: Comparison());

        model.ToggleReason(model.ComparisonRows()[0].Id);
        var rows = model.ComparisonRows();

        Assert.Equal(["invalid-credentials", "credentials_failed", "invalid", "mfa-invalid", "document-rejected"], rows.Select(r => r.Label));
        Assert.Equal("1Password · credentials_failed · category", rows[1].Detail);
        Assert.Equal("new", rows[2].ChangeText);
        Assert.Equal(
            "live?from=2026-11-22T00%3A00%3A00Z&to=2026-11-22T02%3A00%3A00Z&source=OnePassword&type=credentials_failed&outcome=failure&outcome=rate-limited"
            + "&reason=invalid-credentials&reasonField=category&reasonCode=credentials_failed",
            rows[1].LiveUrl);
        Assert.Equal("2 provider codes", rows[0].Detail);
        Assert.True(rows[0].Expanded);
    }

    [Theory]
    [InlineData(0, 0, "–")]
    [InlineData(5, 0, "new")]
    [InlineData(0, 4, "\u2212100 %")]
    [InlineData(103, 100, "+3 %")]
    [InlineData(1015, 1000, "+1.5 %")]
    [InlineData(7, 7, "0 %")]
    public void ChangeText_Counts_ReadsAsSignedPercentOrNew(long current, long baseline, string expected)
    {
        Assert.Equal(expected, FailuresViewModel.ChangeText(current, baseline));
    }

    [Fact]
    public void Show_Data_ChartsOneStackedSeriesPerCanonicalReason()
    {
        var model = Model();

        Assert.True(model.Chart.Stacked);
        Assert.Equal([CanonicalReasons.InvalidCredentials, CanonicalReasons.MfaInvalid], model.Chart.Series.Select(s => s.Name));
        Assert.Equal(5, model.Chart.PointCount);
        Assert.Equal("Failure reasons per hour", model.Chart.YTitle);
    }

    [Fact]
    public void Show_ManyReasons_ChartsTheTopSevenAndOneSeriesForTheRestThatOpensThemAll()
    {
        var reasons = CanonicalReasons.All.Take(10).ToList();
        var data = Data() with
        {
            OverTime = new TimeSeries(TimeSpan.FromHours(1), [From, From.AddHours(1)], reasons.Select((r, i) => new SeriesLine(r, [10 - i, 1])).ToList()),
        };
        var model = new FailuresViewModel();

        model.Show(FailuresFilter.Default, From, To, data, null);
        var link = model.BarLink(new ChartPoint("3 more reasons", 7, 0, null, From));

        Assert.Equal([.. reasons.Take(7), "3 more reasons"], model.Chart.Series.Select(s => s.Name));
        Assert.Equal([3.0 + 2 + 1, 3], model.Chart.Series[7].Data);
        Assert.Equal(8, model.Chart.Series.Select(s => s.Color).Distinct().Count());
        Assert.EndsWith("&reason=" + string.Join("&reason=", reasons.Skip(7)), link, StringComparison.Ordinal);
    }

    [Fact]
    public void Span_SameDay_ShowsTheDateOnce()
    {
        Assert.Equal("Nov 22 00:00 – 02:00", FailuresViewModel.Span(From, To, TimeZoneInfo.Utc));
        Assert.Equal("Nov 21 23:00 – Nov 22 02:00", FailuresViewModel.Span(From.AddHours(-1), To, TimeZoneInfo.Utc));
    }

    private static FailuresViewModel Model(FailuresFilter? filter = null, ReasonComparison? comparison = null)
    {
        var model = new FailuresViewModel();
        model.Show(filter ?? FailuresFilter.Default, From, To, Data(), comparison);
        return model;
    }

    private static FailuresData Data()
    {
        var (invalid, phone, credentials) = (FailureFixture.Invalid, FailureFixture.Phone, FailureFixture.Credentials);
        var bySource = FailureFixture.BySource(From, To, [From, From.AddHours(1)]);
        var byReason = new FailureBreakdown(From, To, 20, TimeSpan.FromHours(1), [From, From.AddHours(1)],
        [
            FailureFixture.Node(FailureLevel.Canonical, CanonicalReasons.InvalidCredentials, 16, credentials, invalid) with { Canonical = CanonicalReasons.InvalidCredentials },
        ]);
        var overTime = new TimeSeries(TimeSpan.FromHours(1), [From.AddMinutes(-30), From.AddMinutes(30), From.AddHours(1).AddMinutes(30)],
        [
            new SeriesLine(CanonicalReasons.InvalidCredentials, [6, 4, 6]),
            new SeriesLine(CanonicalReasons.MfaInvalid, [0, 4, 2]),
        ]);
        return new FailuresData(bySource, byReason, overTime);
    }

    private static ReasonComparison Comparison() => new(From, To, From.AddHours(-2), From, 37, 32,
    [
        new ReasonComparisonGroup(CanonicalReasons.InvalidCredentials, 30, 20,
        [
            new ReasonComparisonRow(EventSource.OnePassword, "credentials_failed", "category", "credentials_failed", 20, 20),
            new ReasonComparisonRow(EventSource.LoginGov, "login-email-and-password-auth", "password", "invalid", 10, 0),
        ]),
        new ReasonComparisonGroup(CanonicalReasons.MfaInvalid, 5, 10, [new ReasonComparisonRow(EventSource.FusionAuth, "user.login.failed", "reason", "invalid_code", 5, 10)]),
        new ReasonComparisonGroup(CanonicalReasons.DocumentRejected, 2, 2, [new ReasonComparisonRow(EventSource.LoginGov, "idv-document-upload-submitted", "doc", "bad_image", 2, 2)]),
    ]);
}
