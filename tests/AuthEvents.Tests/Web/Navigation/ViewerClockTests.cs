using AuthEvents.Tests.Support;
using AuthEvents.Web.Navigation;

namespace AuthEvents.Tests.Web.Navigation;

/// <summary>How the viewer's zone, as the browser names it, shows beside times.</summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class ViewerClockTests
{
    private static readonly DateTimeOffset Winter = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Label_BrowserZoneWithAnOlderSystemAlias_ShowsTheBrowsersName()
    {
        var clock = new ViewerClock();

        clock.SetZone("Asia/Kolkata");

        Assert.True(clock.Known);
        Assert.Equal("Asia/Kolkata (UTC+05:30)", clock.Label(utc: false, Winter));
        Assert.Equal("UTC", clock.Label(utc: true, Winter));
        Assert.Equal("2026-12-07 11:30", clock.Format(Winter, utc: false, "yyyy-MM-dd HH:mm"));
    }

    [Fact]
    public void SetZone_UnknownName_KeepsUtcButIsKnown()
    {
        var clock = new ViewerClock();

        clock.SetZone("Mars/Olympus_Mons");

        Assert.True(clock.Known);
        Assert.Equal(TimeZoneInfo.Utc, clock.Zone);
        Assert.Equal("UTC", clock.Label(utc: false, Winter));
    }
}
