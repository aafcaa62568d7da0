using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using AuthEvents.Web.State;

namespace AuthEvents.Tests.Live;

public sealed class RateBucketsTests
{
    [Theory]
    [InlineData(120, 1)]
    [InlineData(900, 5)]
    [InlineData(3600, 30)]
    [InlineData(86400, 300)]
    [InlineData(604800, 3600)]
    public void SizeFor_Range_SmallestSizeWithinTheBucketLimit(int rangeSeconds, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RateBuckets.SizeFor(TimeSpan.FromSeconds(rangeSeconds)));
    }

    [Fact]
    public void Chart_SparseCounts_EveryBucketPresentAndStackedByOutcome()
    {
        var from = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        var counts = new[]
        {
            new RateBucket(from, Outcome.Success, 3),
            new RateBucket(from.AddSeconds(2), Outcome.Failure, 5),
            new RateBucket(from.AddSeconds(2), Outcome.Success, 1),
            new RateBucket(from.AddSeconds(99), Outcome.Failure, 7), // outside the range: ignored
        };

        var chart = RateBuckets.Chart(counts, from, from.AddSeconds(4), TimeSpan.FromSeconds(1));

        Assert.True(chart.Stacked);
        Assert.Equal(4, chart.Times.Count);
        Assert.Equal(from.AddSeconds(3).ToUnixTimeMilliseconds(), chart.Times[3]);
        Assert.Equal(["Success", "Failure", "Rate limited", "Info"], chart.Series.Select(s => s.Name));
        Assert.Equal([3, 0, 1, 0], chart.Series[0].Data.Select(v => v!.Value));
        Assert.Equal([0, 0, 5, 0], chart.Series[1].Data.Select(v => v!.Value));
        Assert.Equal(["success", "failure", "ratelimited", "info"], chart.Series.Select(s => s.Color));
        Assert.Equal(3, chart.PointCount);
    }

    [Fact]
    public void ContentKey_SameDataRebuilt_EqualAndDifferentData_Differs()
    {
        var from = DateTimeOffset.UnixEpoch;
        var a = RateBuckets.Chart([new RateBucket(from, Outcome.Success, 1)], from, from.AddSeconds(2), TimeSpan.FromSeconds(1));
        var b = RateBuckets.Chart([new RateBucket(from, Outcome.Success, 1)], from, from.AddSeconds(2), TimeSpan.FromSeconds(1));
        var c = RateBuckets.Chart([new RateBucket(from, Outcome.Success, 2)], from, from.AddSeconds(2), TimeSpan.FromSeconds(1));

        Assert.Equal(a.ContentKey, b.ContentKey);
        Assert.NotEqual(a.ContentKey, c.ContentKey);
        Assert.Equal(a.ShapeKey, c.ShapeKey);
    }
}
