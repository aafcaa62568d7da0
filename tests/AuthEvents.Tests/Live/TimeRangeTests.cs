using AuthEvents.Tests.Support;
using AuthEvents.Web.Navigation;

namespace AuthEvents.Tests.Live;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class TimeRangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 3, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(TimeRange.Last15Minutes, 15)]
    [InlineData(TimeRange.LastHour, 60)]
    [InlineData(TimeRange.Last24Hours, 1440)]
    [InlineData(TimeRange.Last7Days, 10080)]
    public void Resolve_RelativePreset_EndsNowAndSpansItsLength(string preset, int minutes)
    {
        var (from, to) = new TimeRange(preset).Resolve(Now, TimeZoneInfo.Utc);

        Assert.Equal(Now.AddMinutes(-minutes), from);
        Assert.Equal(Now.AddTicks(1), to);
    }

    [Fact]
    public void ResolveWholeSeconds_NowMidSecond_WidenedToTheSecondsAroundIt()
    {
        var now = Now.AddMilliseconds(400);

        var (from, to) = new TimeRange(TimeRange.LastHour).ResolveWholeSeconds(now, TimeZoneInfo.Utc);

        // A link's bounds are written to the second: the event stored at now (+0.4 s) must be inside them.
        Assert.Equal(Now.AddHours(-1), from);
        Assert.Equal(Now.AddSeconds(1), to);
    }

    [Fact]
    public void Resolve_TodayAndYesterday_FollowTheViewersZone()
    {
        // 03:30 UTC is still the previous evening in New York (UTC-5 in November).
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        var today = new TimeRange(TimeRange.Today).Resolve(Now, newYork);
        var yesterday = new TimeRange(TimeRange.Yesterday).Resolve(Now, newYork);
        var utcToday = new TimeRange(TimeRange.Today).Resolve(Now, TimeZoneInfo.Utc);

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 5, 0, 0, TimeSpan.Zero), today.From);
        Assert.Equal((new DateTimeOffset(2026, 11, 20, 5, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 21, 5, 0, 0, TimeSpan.Zero)), yesterday);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero), utcToday.From);
    }

    [Fact]
    public void Previous_AnyRange_IsTheEqualRangeJustBefore()
    {
        var range = (Now.AddHours(-2), Now);

        Assert.Equal((Now.AddHours(-4), Now.AddHours(-2)), TimeRange.Previous(range));
    }

    [Fact]
    public void Parse_CustomRangeFrom1970_TheNewest400DaysWithANotice()
    {
        var range = TimeRange.Parse(TimeRange.Custom, "1970-01-01T00:00:00Z", "2026-01-01T00:00:00Z", RangePresets.Summary);

        Assert.Equal(new TimeRange(TimeRange.Custom, new DateTimeOffset(2024, 11, 27, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), range);
        Assert.EndsWith("Showing 2024-11-27 00:00 – 2026-01-01 00:00 UTC instead.", range.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ClampedRangesCanonicalQuery_ReadsBackAsTheSameRangeWithoutANotice()
    {
        var clamped = TimeRange.Parse(null, "1970-01-01T00:00:00Z", "2026-01-01T00:00:00Z", RangePresets.Live);
        var query = clamped.Query(RangePresets.Live).ToDictionary(p => p.Key, p => p.Value);

        var again = TimeRange.Parse(null, query["from"], query["to"], RangePresets.Live);

        Assert.Equal("2024-11-27T00:00:00Z", query["from"]);
        Assert.Equal(clamped, again);
        Assert.Null(again.Notice);
    }

    [Theory]
    [InlineData("1970-01-01T00:00:00Z", "1971-01-01T00:00:00Z", null, "Showing “Last 24 h” instead.")]
    [InlineData("2200-01-01T00:00:00Z", "2300-01-01T00:00:00Z", "7d", "Showing “Last 7 days” instead.")]
    public void Parse_RangeWhollyOutsideTheLimits_ThePresetOrDefaultWithANotice(string from, string to, string? preset, string showing)
    {
        var range = TimeRange.Parse(preset, from, to, RangePresets.Summary);

        Assert.Equal(new TimeRange(preset ?? RangePresets.Summary.Default), range);
        Assert.EndsWith(showing, range.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RangeWithinTheLimits_AsGivenWithoutANotice()
    {
        var range = TimeRange.Parse(null, "2026-11-20T08:00:00Z", "2026-11-20T09:30:00Z", RangePresets.Summary);

        Assert.Equal(TimeRange.Custom, range.Preset);
        Assert.Null(range.Notice);
    }

    [Fact]
    public void Parse_PageWithoutCustomRanges_IgnoresBoundsWithoutANotice()
    {
        var range = TimeRange.Parse(null, "1970-01-01T00:00:00Z", "2026-01-01T00:00:00Z", RangePresets.Person);

        Assert.Equal(new TimeRange(TimeRange.All), range);
        Assert.Null(range.Notice);
    }
}
