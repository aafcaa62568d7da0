using AuthEvents.Tests.Support;
using AuthEvents.Web.Journeys;

namespace AuthEvents.Tests.Web.Journeys;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class JourneyFormatTests
{
    [Theory]
    [InlineData(0.539, "539 ms")]
    [InlineData(5, "5 s")]
    [InlineData(5.94, "5.9 s")]
    [InlineData(42, "42 s")]
    [InlineData(185, "3 min 5 s")]
    [InlineData(3600, "1 h")]
    [InlineData(7800, "2 h 10 min")]
    [InlineData(273_600, "3 d 4 h")]
    public void Duration_Values_ReadableUnits(double seconds, string expected)
    {
        Assert.Equal(expected, JourneyFormat.Duration(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Duration_None_EnDash()
    {
        Assert.Equal("–", JourneyFormat.Duration(null));
    }

    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTimeOffset Utc(int month, int day, int hour, int minute, int second = 0) => new(2026, month, day, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public void Time_InTokyoAndInUtc_TheSameInstantOnEachClock()
    {
        var at = Utc(11, 20, 14, 30, 5);

        Assert.Equal("2026-11-20 23:30:05", JourneyFormat.Time(at, Tokyo));
        Assert.Equal("2026-11-20 14:30:05", JourneyFormat.Time(at, TimeZoneInfo.Utc));
        Assert.Equal("23:30:05", JourneyFormat.TimeOfDay(at, Tokyo));
        // An instant given with another offset is the same instant.
        Assert.Equal("2026-11-20 23:30:05", JourneyFormat.Time(at.ToOffset(TimeSpan.FromHours(-5)), Tokyo));
    }

    [Fact]
    public void Time_NewYorkSpringForward_TwoAmNeverShows()
    {
        // 2026-03-08: at 07:00 UTC New York goes from 01:59:59 EST straight to 03:00:00 EDT.
        Assert.Equal("2026-03-08 01:59:59", JourneyFormat.Time(Utc(3, 8, 6, 59, 59), NewYork));
        Assert.Equal("2026-03-08 03:00:00", JourneyFormat.Time(Utc(3, 8, 7, 0), NewYork));
    }

    [Fact]
    public void Span_AcrossNewYorkFallBack_EachEndCarriesItsOffset()
    {
        // 2026-11-01: 01:30 EDT, then an hour later 01:30 again, in EST.
        Assert.Equal("2026-11-01 01:30:00 -04:00 – 01:30:00 -05:00", JourneyFormat.Span(Utc(11, 1, 5, 30), Utc(11, 1, 6, 30), NewYork));
        Assert.Equal("2026-11-01 05:30:00 – 06:30:00", JourneyFormat.Span(Utc(11, 1, 5, 30), Utc(11, 1, 6, 30), TimeZoneInfo.Utc));
    }

    [Fact]
    public void Span_OverTokyoMidnight_BothDates_SameDayInUtc_OneDate()
    {
        var first = Utc(11, 20, 14, 50);
        var last = Utc(11, 20, 15, 10);

        Assert.Equal("2026-11-20 23:50:00 – 2026-11-21 00:10:00", JourneyFormat.Span(first, last, Tokyo));
        Assert.Equal("2026-11-20 14:50:00 – 15:10:00", JourneyFormat.Span(first, last, TimeZoneInfo.Utc));
        Assert.Equal("2026-11-20 23:50:00", JourneyFormat.Span(first, first, Tokyo));
    }

    [Fact]
    public void Day_NonUtcZones_TheDayOnTheViewersCalendar()
    {
        Assert.Equal(new DateOnly(2026, 11, 21), JourneyFormat.Day(Utc(11, 20, 15, 0), Tokyo));
        Assert.Equal(new DateOnly(2026, 11, 20), JourneyFormat.Day(Utc(11, 20, 14, 59, 59), Tokyo));
        Assert.Equal(new DateOnly(2026, 11, 20), JourneyFormat.Day(Utc(11, 21, 3, 0), NewYork));
        Assert.Equal(new DateOnly(2026, 11, 21), JourneyFormat.Day(Utc(11, 21, 3, 0), TimeZoneInfo.Utc));
    }

    [Fact]
    public void Person_WithAndWithoutLabel_MaskedEmailElseShortKey()
    {
        Assert.Equal("a***@example.com", JourneyFormat.Person("email:0123", "a***@example.com"));
        Assert.Equal("logingov:0123456789abc…", JourneyFormat.Person("logingov:0123456789abcdef0123", null));
    }

    [Theory]
    [InlineData(0, "0 events")]
    [InlineData(1, "1 event")]
    [InlineData(2, "2 events")]
    [InlineData(2400, "2,400 events")]
    public void Count_WithNoun_SingularOnlyForOne(int value, string expected)
    {
        Assert.Equal(expected, JourneyFormat.Count(value, "event", "events"));
    }
}
