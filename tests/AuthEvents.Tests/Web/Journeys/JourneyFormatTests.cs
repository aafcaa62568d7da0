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
