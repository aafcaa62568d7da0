using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Components.Charts;

namespace AuthEvents.Tests.Live;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class SeriesChartsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Outcomes_TimeSeries_StackedSeriesInOutcomeColoursWithEveryBucket()
    {
        var series = new TimeSeries(TimeSpan.FromMinutes(1), [Start, Start.AddMinutes(1), Start.AddMinutes(2)],
            [new SeriesLine("success", [3, 0, 1]), new SeriesLine("failure", [0, 5, 0]), new SeriesLine("rate-limited", [0, 0, 0]), new SeriesLine("info", [1, 1, 1])]);

        var chart = SeriesCharts.Outcomes(series);

        Assert.True(chart.Stacked);
        Assert.Equal(ChartAxis.Time, chart.Axis);
        Assert.Equal([Start.ToUnixTimeMilliseconds(), Start.AddMinutes(1).ToUnixTimeMilliseconds(), Start.AddMinutes(2).ToUnixTimeMilliseconds()], chart.Times);
        Assert.Equal(["Success", "Failure", "Rate limited", "Info"], chart.Series.Select(s => s.Name));
        Assert.Equal(["success", "failure", "ratelimited", "info"], chart.Series.Select(s => s.Color));
        Assert.Equal([0, 5, 0], chart.Series[1].Data.Select(v => v!.Value));
        Assert.Equal("Events per minute", chart.YTitle);
        Assert.Equal(6, chart.PointCount);
        Assert.False(chart.WithDate);
    }

    [Fact]
    public void LiveRate_TimeSeries_TheOutcomesStackedAsAreas()
    {
        var series = new TimeSeries(TimeSpan.FromSeconds(1), [Start, Start.AddSeconds(1)],
            [new SeriesLine("success", [3, 0]), new SeriesLine("failure", [0, 5])]);

        var chart = SeriesCharts.LiveRate(series);

        Assert.Equal("area", chart.Type);
        Assert.True(chart.Stacked);
        Assert.Equal(["Success", "Failure"], chart.Series.Select(s => s.Name));
        Assert.Equal("Events per second", chart.YTitle);
        Assert.Equal("bar", SeriesCharts.Outcomes(series).Type);
    }

    [Fact]
    public void ByKey_Reasons_PaletteSlotsInLineOrder()
    {
        var series = new TimeSeries(TimeSpan.FromHours(6), [Start, Start.AddDays(2)],
            [new SeriesLine("mfa-invalid", [1, 2]), new SeriesLine("invalid-credentials", [4, 0])]);

        var chart = SeriesCharts.ByKey(series, "Failures");

        Assert.Equal([("mfa-invalid", "p1"), ("invalid-credentials", "p2")], chart.Series.Select(s => (s.Name, s.Color)));
        Assert.True(chart.WithDate);
    }

    [Fact]
    public void ContentKey_SameData_EqualAndChangedData_DiffersWithTheSameShape()
    {
        TimeSeries Of(long n) => new(TimeSpan.FromSeconds(1), [Start], [new SeriesLine("success", [n])]);

        Assert.Equal(SeriesCharts.Outcomes(Of(1)).ContentKey, SeriesCharts.Outcomes(Of(1)).ContentKey);
        Assert.NotEqual(SeriesCharts.Outcomes(Of(1)).ContentKey, SeriesCharts.Outcomes(Of(2)).ContentKey);
        Assert.Equal(SeriesCharts.Outcomes(Of(1)).ShapeKey, SeriesCharts.Outcomes(Of(2)).ShapeKey);
    }

    [Theory]
    [InlineData(1, "per second")]
    [InlineData(300, "per 5 min")]
    [InlineData(3600, "per hour")]
    [InlineData(21600, "per 6 h")]
    [InlineData(86400, "per day")]
    public void Label_BucketSize_ReadsNaturally(int seconds, string label) =>
        Assert.Equal(label, SeriesCharts.Label(TimeSpan.FromSeconds(seconds)));
}
