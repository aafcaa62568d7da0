using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Navigation;
using Microsoft.AspNetCore.WebUtilities;

namespace AuthEvents.Tests.Live;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class LiveFilterTests
{
    private static LiveFilter Parse(string query) => LiveFilter.Parse(QueryHelpers.ParseQuery(query));

    [Fact]
    public void ToQueryString_EveryFilter_RoundTripsThroughParse()
    {
        var filter = new LiveFilter
        {
            Range = new TimeRange(TimeRange.Last24Hours),
            Sources = [EventSource.LoginGov, EventSource.Entrust],
            Types = ["idv-phone-submitted"],
            Milestones = [Milestones.MfaVerify],
            Outcomes = [Outcome.RateLimited, Outcome.Failure],
            Reasons = ["mfa-invalid"],
            Authenticators = ["totp", "authenticator"],
            Person = "p&1",
            Session = "s 1",
            Ip = "192.0.2.7",
            Country = "US",
            Text = "otp=1",
            Utc = true,
            Selected = 42,
        };

        var query = filter.ToQueryString();

        Assert.Equal(
            "range=24h&source=LoginGov&source=Entrust&type=idv-phone-submitted&milestone=mfa.verify&outcome=rate-limited&outcome=failure"
            + "&reason=mfa-invalid&authenticator=totp&authenticator=authenticator&person=p%261&session=s%201&ip=192.0.2.7&country=US&q=otp%3D1&tz=utc&event=42",
            query);
        var back = Parse(query);
        Assert.Equal(filter.ToQueryString(), back.ToQueryString());
        Assert.Equal(filter.Sources, back.Sources);
        Assert.Equal(filter.Outcomes, back.Outcomes);
        Assert.Equal("p&1", back.Person);
        Assert.Equal(42, back.Selected);
        Assert.Equal(filter, back);
        Assert.Equal(filter.GetHashCode(), back.GetHashCode());
    }

    [Fact]
    public void Equals_SameViewFromOtherLists_EqualAndAnyDifferenceCounts()
    {
        var filter = Parse("source=Entrust&outcome=failure&authenticator=OTP&q=x&event=3");

        Assert.Equal(filter, Parse("source=Entrust&outcome=failure&authenticator=OTP&q=x&event=3"));
        Assert.Equal(filter with { Selected = null }, Parse("source=Entrust&outcome=failure&authenticator=OTP&q=x"));
        Assert.NotEqual(filter, Parse("source=Entrust&outcome=failure&authenticator=OTP&q=x&event=4"));
        Assert.NotEqual(filter, Parse("source=Entrust&outcome=failure&authenticator=otp&q=x&event=3"));
        Assert.NotEqual(filter, Parse("source=Entrust&source=LoginGov&outcome=failure&authenticator=OTP&q=x&event=3"));
        Assert.NotEqual(filter, filter with { Utc = true });
        Assert.Equal(["OTP"], filter.ToEventQuery(DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc).Authenticators);
    }

    [Fact]
    public void From_StoreQuery_OpensExactlyThatSelectionAsACustomRange()
    {
        var from = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        var query = new AuthEvents.Store.Queries.EventQuery
        {
            From = from,
            To = from.AddHours(1),
            Sources = [EventSource.OnePassword],
            EventTypes = ["credentials_failed"],
            Outcomes = [Outcome.Failure, Outcome.RateLimited],
            Reasons = ["invalid-credentials"],
            ReasonField = "category",
            ReasonCode = "credentials_failed",
        };

        var url = DashboardUrls.Live(LiveFilter.From(query));

        Assert.Equal(
            "live?from=2026-11-20T00%3A00%3A00Z&to=2026-11-20T01%3A00%3A00Z&source=OnePassword&type=credentials_failed&outcome=failure&outcome=rate-limited"
            + "&reason=invalid-credentials&reasonField=category&reasonCode=credentials_failed",
            url);
        var back = Parse(url["live?".Length..]).ToEventQuery(from, TimeZoneInfo.Utc);
        Assert.Equal((query.From, query.To, "category", "credentials_failed"), (back.From, back.To, back.ReasonField, back.ReasonCode));
    }

    [Fact]
    public void ToQueryString_Default_IsEmpty()
    {
        Assert.Equal("", LiveFilter.Default.ToQueryString());
        Assert.Equal("live", DashboardUrls.Live(LiveFilter.Default));
    }

    [Fact]
    public void Parse_UnknownValues_DroppedNotGuessed()
    {
        var filter = Parse("source=Okta&source=1&source=onepassword&outcome=maybe&outcome=RATE_LIMITED&range=3w&event=-4");

        Assert.Equal([EventSource.OnePassword], filter.Sources);
        Assert.Equal([Outcome.RateLimited], filter.Outcomes);
        Assert.Equal(TimeRange.Live, filter.Range.Preset);
        Assert.Null(filter.Selected);
    }

    [Fact]
    public void Parse_CustomRange_KeepsAbsoluteBoundsAndWritesThemBack()
    {
        var filter = Parse("from=2026-11-20T08:00:00Z&to=2026-11-20T09:30:00Z");

        Assert.Equal(TimeRange.Custom, filter.Range.Preset);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), filter.Range.From);
        Assert.Equal("from=2026-11-20T08%3A00%3A00Z&to=2026-11-20T09%3A30%3A00Z", filter.ToQueryString());
    }

    [Fact]
    public void Parse_CustomRangeBackwards_FallsBackToTheDefault()
    {
        Assert.Equal(TimeRange.Live, Parse("from=2026-11-20T09:00:00Z&to=2026-11-20T08:00:00Z").Range.Preset);
    }

    [Fact]
    public void ToEventQuery_LiveRange_HasNoBoundsAndCarriesEveryFilter()
    {
        var filter = Parse("source=FusionAuth&type=a,b&reason=rate-limited&country=DE&q=x&ip=1.2.3.4&person=p&session=s");

        var query = filter.ToEventQuery(DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc);

        Assert.Null(query.From);
        Assert.Null(query.To);
        Assert.Equal([EventSource.FusionAuth], query.Sources);
        Assert.Equal(["a", "b"], query.EventTypes);
        Assert.Equal(["rate-limited"], query.Reasons);
        Assert.Equal(["DE"], query.Countries);
        Assert.Equal(("x", "1.2.3.4", "p", "s"), (query.Text, query.Ip, query.PersonKey, query.SessionKey));
    }

    [Fact]
    public void Export_PresetRange_ResolvedToAbsoluteBoundsWithoutViewState()
    {
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        var filter = Parse("range=1h&outcome=failure&tz=utc&event=9");

        var url = DashboardUrls.Export(filter, now, TimeZoneInfo.Utc);

        Assert.Equal("api/events?format=csv&from=2026-11-22T11%3A00%3A00.0000000Z&to=2026-11-22T12%3A00%3A00.0000001Z&outcome=failure", url);
    }
}
