using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Navigation;

namespace AuthEvents.Tests.Web.Navigation;

/// <summary>The fixed bounds a link may name: within 2000–2100, and on a page at most 400 days long.</summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class RangeLimitsTests
{
    private static readonly DateTimeOffset Jan2026 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Clamp_WithinTheLimits_Unchanged()
    {
        var range = (Jan2026.AddDays(-30), Jan2026);

        Assert.Equal(range, RangeLimits.Clamp(range.Item1, range.Item2));
    }

    [Fact]
    public void Clamp_From1970_TheNewest400DaysUpToTheEnd()
    {
        var shown = RangeLimits.Clamp(DateTimeOffset.UnixEpoch, Jan2026);

        Assert.Equal((Jan2026.AddDays(-400), Jan2026), shown);
    }

    [Fact]
    public void Clamp_LongerThan400DaysWithinTheLimits_TheNewest400Days()
    {
        var shown = RangeLimits.Clamp(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), Jan2026);

        Assert.Equal((Jan2026.AddDays(-400), Jan2026), shown);
    }

    [Fact]
    public void Clamp_DateTimeOffsetsWholeRange_EndsAt2100()
    {
        var shown = RangeLimits.Clamp(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

        Assert.Equal((RangeLimits.Latest.AddDays(-400), RangeLimits.Latest), shown);
    }

    [Theory]
    [InlineData("1970-01-01T00:00:00Z", "1980-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z", "2000-01-01T00:00:00Z")]
    [InlineData("2100-01-01T00:00:00Z", "9999-12-31T00:00:00Z")]
    public void Clamp_WhollyOutsideTheLimits_Nothing(string from, string to)
    {
        Assert.Null(RangeLimits.Clamp(DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(to, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z")]
    [InlineData("1970-01-01T00:00:00Z", "2026-01-01T00:00:00Z")]
    [InlineData("2099-12-31T23:59:59Z", "9999-12-31T23:59:59Z")]
    public void ClampedRange_PreviousRangeAndChartBuckets_Computable(string from, string to)
    {
        Assert.True(RangeLimits.TryRead(from, to, out var shown, out var clamped));
        Assert.True(clamped);
        var (f, t) = shown!.Value;

        var previous = TimeRange.Previous((f, t));
        var buckets = TimeBuckets.Starts(previous.From, t, TimeBuckets.ForRange(previous.From, t));

        Assert.True(previous.From >= RangeLimits.Earliest - RangeLimits.MaxSpan);
        Assert.InRange(buckets.Count, 1, 801);
        Assert.NotEmpty(TimeBuckets.Starts(f, t, TimeBuckets.ForTrend(f, t)));
    }

    [Theory]
    [InlineData(null, "2026-01-01T00:00:00Z")]
    [InlineData("yesterday", "2026-01-01T00:00:00Z")]
    [InlineData("2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z")]
    public void TryRead_MissingUnreadableOrInverted_False(string? from, string? to)
    {
        Assert.False(RangeLimits.TryRead(from, to, out var shown, out var clamped));
        Assert.Null(shown);
        Assert.False(clamped);
    }

    [Fact]
    public void Notice_ClampedRange_NamesTheLimitsAndWhatIsShownNotTheLink()
    {
        var notice = RangeLimits.Notice("The range", (Jan2026.AddDays(-400), Jan2026), "the default");

        Assert.Equal("The range in the link lies outside what the dashboard shows: fixed ranges lie between 2000-01-01 00:00 and "
            + "2100-01-01 00:00 UTC and span at most 400 days. Showing 2024-11-27 00:00 – 2026-01-01 00:00 UTC instead.", notice);
    }
}
