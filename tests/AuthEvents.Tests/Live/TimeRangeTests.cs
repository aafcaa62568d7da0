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
}
