using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Navigation;
using Microsoft.AspNetCore.WebUtilities;
using AuthEvents.Web.Components.Pages.Failures;

namespace AuthEvents.Tests.Failures;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class FailuresFilterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static FailuresFilter Parse(string query) => FailuresFilter.Parse(QueryHelpers.ParseQuery(query));

    [Fact]
    public void ToQueryString_EveryField_RoundTripsThroughParse()
    {
        var filter = new FailuresFilter
        {
            Range = new TimeRange(TimeRange.Last7Days),
            Source = EventSource.OnePassword,
            Grouping = FailureGrouping.Reason,
            Compare = CompareMode.Custom,
            BaselineFrom = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
            BaselineTo = new DateTimeOffset(2026, 11, 8, 0, 0, 0, TimeSpan.Zero),
            Utc = true,
        };

        var query = filter.ToQueryString();

        Assert.Equal("range=7d&source=OnePassword&group=reason&compare=custom&baseFrom=2026-11-01T00%3A00%3A00Z&baseTo=2026-11-08T00%3A00%3A00Z&tz=utc", query);
        Assert.Equal(filter, Parse(query));
    }

    [Theory]
    [InlineData("from=2026-11-20T08%3A00%3A00Z&to=2026-11-20T09%3A30%3A00Z&compare=previous")]
    [InlineData("range=today&compare=week")]
    [InlineData("range=1h&source=Entrust")]
    [InlineData("group=reason")]
    [InlineData("")]
    public void Parse_CanonicalQuery_WritesTheSameQueryBack(string query)
    {
        Assert.Equal(query, Parse(query).ToQueryString());
    }

    [Fact]
    public void Parse_Empty_IsTheLast24HoursBySourceWithoutComparison()
    {
        var filter = Parse("");

        Assert.Equal(FailuresFilter.Default, filter);
        Assert.Equal(TimeRange.Last24Hours, filter.Range.Preset);
        Assert.Equal((FailureGrouping.Source, CompareMode.Off, (EventSource?)null), (filter.Grouping, filter.Compare, filter.Source));
        Assert.Equal("failures", DashboardUrls.Failures(filter));
    }

    [Fact]
    public void Parse_UnknownOrInconsistentValues_FallBackToDefaults()
    {
        var filter = Parse("range=live&source=Okta&group=people&compare=sometimes&tz=mars");

        Assert.Equal(FailuresFilter.Default, filter);
        Assert.Equal(TimeRange.Last24Hours, Parse("range=3w").Range.Preset);
        Assert.Null(Parse("source=2").Source);
    }

    [Fact]
    public void Parse_CustomCompareWithoutValidBounds_ComparesWithThePreviousRange()
    {
        var backwards = Parse("compare=custom&baseFrom=2026-11-08T00:00:00Z&baseTo=2026-11-01T00:00:00Z");

        Assert.Equal(CompareMode.Previous, backwards.Compare);
        Assert.Null(backwards.BaselineFrom);
        Assert.Equal("compare=previous", backwards.ToQueryString());
        Assert.Equal(CompareMode.Custom, Parse("baseFrom=2026-11-01T00:00:00Z&baseTo=2026-11-02T00:00:00Z").Compare);
    }

    [Fact]
    public void Parse_CustomRangeFrom1970_ClampedWithANoticeAndWrittenBackClamped()
    {
        var filter = Parse("from=1970-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&compare=previous");

        Assert.Equal(new DateTimeOffset(2024, 11, 27, 0, 0, 0, TimeSpan.Zero), filter.Range.From);
        Assert.NotNull(filter.Range.Notice);
        Assert.Equal("from=2024-11-27T00%3A00%3A00Z&to=2026-01-01T00%3A00%3A00Z&compare=previous", filter.ToQueryString());
        Assert.Equal(filter, Parse(filter.ToQueryString()));
        var previous = filter.Baseline(filter.Resolve(Now, TimeZoneInfo.Utc))!.Value;
        Assert.Equal(new DateTimeOffset(2023, 10, 24, 0, 0, 0, TimeSpan.Zero), previous.From);
    }

    [Fact]
    public void Parse_BaselineFrom1970_ClampedWithANoticeAboutTheComparison()
    {
        var filter = Parse("compare=custom&baseFrom=1970-01-01T00:00:00Z&baseTo=2026-01-01T00:00:00Z");

        Assert.Equal(CompareMode.Custom, filter.Compare);
        Assert.Equal(new DateTimeOffset(2024, 11, 27, 0, 0, 0, TimeSpan.Zero), filter.BaselineFrom);
        Assert.StartsWith("The comparison range in the link lies outside", filter.Range.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BaselineBefore2000_ComparesWithThePreviousRangeAndSaysSo()
    {
        var filter = Parse("baseFrom=1970-01-01T00:00:00Z&baseTo=1971-01-01T00:00:00Z");

        Assert.Equal(CompareMode.Previous, filter.Compare);
        Assert.Null(filter.BaselineFrom);
        Assert.EndsWith("Showing the previous range instead.", filter.Range.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OutOfRangeBaselineBesideAnotherComparison_DroppedWithoutANotice()
    {
        var filter = Parse("compare=week&baseFrom=1970-01-01T00:00:00Z&baseTo=1971-01-01T00:00:00Z");

        Assert.Equal(CompareMode.WeekEarlier, filter.Compare);
        Assert.Null(filter.Range.Notice);
    }

    [Fact]
    public void Baseline_EachMode_ResolvesAgainstTheCurrentRange()
    {
        var current = new FailuresFilter().Resolve(Now, TimeZoneInfo.Utc);
        var custom = (new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 2, 0, 0, 0, TimeSpan.Zero));

        Assert.Null(new FailuresFilter().Baseline(current));
        Assert.Equal((current.From.AddHours(-24).AddSeconds(-1), current.From), new FailuresFilter { Compare = CompareMode.Previous }.Baseline(current));
        Assert.Equal((current.From.AddDays(-7), current.To.AddDays(-7)), new FailuresFilter { Compare = CompareMode.WeekEarlier }.Baseline(current));
        Assert.Equal(custom, new FailuresFilter { Compare = CompareMode.Custom, BaselineFrom = custom.Item1, BaselineTo = custom.Item2 }.Baseline(current));
    }

    [Fact]
    public void Export_PageSelection_IsFailedAndRateLimitedEventsOfTheResolvedRangeAndSource()
    {
        var filter = Parse("range=1h&source=LoginGov&group=reason&compare=previous&tz=utc");

        var url = DashboardUrls.Export(filter.ToLiveFilter(filter.Resolve(Now, TimeZoneInfo.Utc)), Now, TimeZoneInfo.Utc);

        Assert.Equal(
            "api/events?format=csv&from=2026-11-22T11%3A00%3A00.0000000Z&to=2026-11-22T12%3A00%3A01.0000000Z&source=LoginGov&outcome=failure&outcome=rate-limited",
            url);
        Assert.True(AuthEvents.Web.Endpoints.EventQueryParameters.TryParse(
            new Microsoft.AspNetCore.Http.QueryCollection(QueryHelpers.ParseQuery(url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..])), out var query, out var error), error);
        Assert.Equal([EventSource.LoginGov], query.Sources);
        Assert.Equal([Outcome.Failure, Outcome.RateLimited], query.Outcomes);
        Assert.Equal((Now.AddHours(-1), Now.AddSeconds(1)), (query.From!.Value, query.To!.Value));
    }

    [Fact]
    public void Resolve_RelativePreset_WidenedToWholeSecondsSoSecondPreciseLinksMatch()
    {
        var now = Now.AddMilliseconds(250);

        var (from, to) = new FailuresFilter { Range = new TimeRange(TimeRange.LastHour) }.Resolve(now, TimeZoneInfo.Utc);

        Assert.Equal((Now.AddHours(-1), Now.AddSeconds(1)), (from, to));
        Assert.Equal((Now, Now.AddHours(1)), new FailuresFilter { Range = new TimeRange(TimeRange.Custom, Now, Now.AddHours(1)) }.Resolve(now, TimeZoneInfo.Utc));
    }

    [Fact]
    public void ToLiveFilter_WithoutBounds_KeepsTheRelativePresetForLive()
    {
        var live = Parse("range=7d&source=Entrust").ToLiveFilter();

        Assert.Equal("range=7d&source=Entrust&outcome=failure&outcome=rate-limited", live.ToQueryString());
    }
}
