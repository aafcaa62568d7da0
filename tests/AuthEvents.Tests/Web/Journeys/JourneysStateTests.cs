using AuthEvents.Core.Journeys;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Components.Controls.Journeys;
using AuthEvents.Web.Navigation;
using AuthEvents.Web.Components.Pages.Journeys;
using AuthEvents.Web.Components.Pages.Person;

namespace AuthEvents.Tests.Web.Journeys;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class JourneysStateTests
{
    [Fact]
    public void Parse_NothingGiven_DefaultViewWithTheBarePath()
    {
        var state = JourneysState.Parse(null, null, null, null, null, null, null, null);

        Assert.Equal(JourneysState.Default, state);
        Assert.Equal("journeys", state.ToUrl());
    }

    [Fact]
    public void Parse_EveryValueValid_RoundTripsThroughTheUrl()
    {
        var state = JourneysState.Parse("sign-in", "30d", null, null, "5m", "authenticator", "password", null);

        var url = state.ToUrl();
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x/" + url).Query);
        var again = JourneysState.Parse(query["funnel"], query["range"], query["from"], query["to"], query["window"], query["breakdown"], query["dropoff"], query["fast"]);

        Assert.Equal("journeys?funnel=sign-in&range=30d&window=5m&breakdown=authenticator&dropoff=password", url);
        Assert.Equal(state, again);
    }

    [Fact]
    public void Parse_InvalidValues_DroppedOrDefaulted()
    {
        // A window as long as the funnel's own (sign-in: 30 minutes), a step of another funnel, an unknown breakdown.
        var state = JourneysState.Parse("sign-in", "2y", null, null, "1h", "planet", "ssn", "ssn");

        Assert.Equal("journeys?funnel=sign-in", state.ToUrl());
        Assert.Equal(FunnelBreakdown.None, state.Breakdown);
    }

    [Fact]
    public void Parse_DropOffAndFastBoth_DropOffWins()
    {
        var state = JourneysState.Parse(null, null, null, null, null, null, "ssn", "ssn");

        Assert.Equal(("ssn", (string?)null, 2, -1), (state.DropOff, state.Fast, state.DropOffStep, state.FastStep));
    }

    [Fact]
    public void Parse_FastOnAStepWithoutThreshold_Dropped()
    {
        Assert.Null(JourneysState.Parse(null, null, null, null, null, null, null, "fraud-check").Fast);
        Assert.Equal("ssn", JourneysState.Parse(null, null, null, null, null, null, null, "ssn").Fast);
    }

    [Fact]
    public void Parse_FixedRange_KeptAsFromAndTo()
    {
        var state = JourneysState.Parse(null, "7d", "2026-11-01T00:00:00Z", "2026-11-08T00:00:00Z", null, null, null, null);

        Assert.Equal(TimeRange.Custom, state.Range.Preset);
        Assert.Equal("journeys?from=2026-11-01T00%3A00%3A00Z&to=2026-11-08T00%3A00%3A00Z", state.ToUrl());
        Assert.Equal((new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 8, 0, 0, 0, TimeSpan.Zero)),
            state.Range.Resolve(DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc));
    }

    [Fact]
    public void WithFunnel_FromAnotherFunnelsView_WindowAndListsReset()
    {
        var state = JourneysState.Parse("idv", "24h", null, null, "1d", "country", "ssn", null);

        var other = state.WithFunnel("recovery");

        Assert.Equal("journeys?funnel=recovery&range=24h&breakdown=country", other.ToUrl());
    }

    [Fact]
    public void Resolve_Preset_EndsJustAfterNow()
    {
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

        // The upper bound is exclusive: an event stored at this very instant is in the range.
        Assert.Equal((now.AddHours(-24), now.AddTicks(1)), new TimeRange("24h").Resolve(now, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData(null, "people/email%3Aabc?range=7d&failures=true")]
    [InlineData("utc", "people/email%3Aabc?range=7d&failures=true&tz=utc")]
    [InlineData("UTC", "people/email%3Aabc?range=7d&failures=true&tz=utc")]
    [InlineData("local", "people/email%3Aabc?range=7d&failures=true")]
    public void PersonState_Tz_OnlyUtcKeptAndWrittenLowerCase(string? tz, string url)
    {
        var state = PersonState.Parse("email:abc", "7d", "true", tz);

        Assert.Equal(url, state.ToUrl());
    }

    [Fact]
    public void SessionUrl_Utc_CarriesTzUtc()
    {
        Assert.Equal("sessions/a%2Fb", DashboardUrls.Session("a/b"));
        Assert.Equal("sessions/a%2Fb?tz=utc", DashboardUrls.Session("a/b", utc: true));
    }

    [Theory]
    [InlineData("people/email%3Aabc?range=7d", "people/email%3Aabc?range=7d", true)]
    [InlineData("people/email:abc?range=7d", "people/email%3Aabc?range=7d", true)]
    [InlineData("journeys?funnel=idv", "journeys", false)]
    // A fragment only scrolls (the quarantine link's #quarantine): the view is the same, and rewriting would lose it.
    [InlineData("sources?quarantine=Entrust#quarantine", "sources?quarantine=Entrust", true)]
    [InlineData("sources?quarantine=entrust#quarantine", "sources?quarantine=Entrust", false)]
    public void IsCurrent_EscapedOrNot_ComparesTheUnescapedForms(string current, string normal, bool same)
    {
        Assert.Equal(same, DashboardUrls.IsCurrent(current, normal));
    }
}
