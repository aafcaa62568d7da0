using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Hubs;
using AuthEvents.Web.Navigation;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.WebUtilities;

namespace AuthEvents.Tests.Web.Navigation;

/// <summary>The one codec behind the pages (lenient), <c>/api/events</c> and the hub (strict).</summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class FilterCodecTests
{
    private const string BadValues = "source=Okta&source=Entrust&outcome=maybe&outcome=failure&reason=no-such-reason&reason=mfa-invalid&milestone=mfa.verify";

    [Fact]
    public void Lenient_UnknownValues_DroppedAndTheRestKept()
    {
        Assert.True(FilterCodec.TryReadSelection(QueryHelpers.ParseQuery(BadValues), CodecMode.Lenient, out var selection, out var error));

        Assert.Null(error);
        Assert.Equal([EventSource.Entrust], selection.Sources);
        Assert.Equal([Outcome.Failure], selection.Outcomes);
        Assert.Equal(["mfa-invalid"], selection.Reasons);
        Assert.Equal(["mfa.verify"], selection.Milestones);
    }

    [Theory]
    [InlineData("source=Okta", "unknown source 'Okta' (expected one of LoginGov, OnePassword, Entrust, FusionAuth)")]
    [InlineData("source=2", "unknown source '2'")]
    [InlineData("outcome=maybe", "unknown outcome 'maybe' (expected one of success, failure, rate-limited, info)")]
    [InlineData("reason=no-such-reason", "unknown reason 'no-such-reason' (expected one of ")]
    public void Strict_FirstUnknownValue_AnErrorNamingWhatWasExpected(string query, string message)
    {
        Assert.False(FilterCodec.TryReadSelection(QueryHelpers.ParseQuery(query), CodecMode.Strict, out _, out var error));

        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_LongerThanTheLimit_StrictRefusesLenientTruncates()
    {
        var query = QueryHelpers.ParseQuery("q=" + new string('x', EventQuery.MaxTextLength + 5));

        Assert.False(FilterCodec.TryReadSelection(query, CodecMode.Strict, out _, out var error));
        Assert.Equal($"'q' is longer than {EventQuery.MaxTextLength} characters", error);
        Assert.True(FilterCodec.TryReadSelection(query, CodecMode.Lenient, out var selection, out _));
        Assert.Equal(EventQuery.MaxTextLength, selection.Text!.Length);
    }

    [Fact]
    public void Text_OneCharacterWord_StrictRefusesWithAHintLenientKeepsTheText()
    {
        var query = QueryHelpers.ParseQuery("q=" + Uri.EscapeDataString("otp e *"));

        Assert.False(FilterCodec.TryReadSelection(query, CodecMode.Strict, out _, out var error));
        Assert.StartsWith("'q' has words of one character (e): each word must have at least 2 characters", error, StringComparison.Ordinal);
        Assert.True(FilterCodec.TryReadSelection(query, CodecMode.Lenient, out var selection, out _));
        Assert.Equal("otp e *", selection.Text);
        Assert.True(FilterCodec.TryReadSelection(QueryHelpers.ParseQuery("q=" + Uri.EscapeDataString("otp ** (")), CodecMode.Strict, out _, out _));
    }

    [Theory]
    [InlineData("from=yesterday", "'from' is not an ISO 8601 date and time")]
    [InlineData("from=2026-11-20T09:00:00Z&to=2026-11-20T08:00:00Z", "'from' must be earlier than 'to'")]
    public void Bounds_BadOrInverted_StrictRefusesLenientReadsNone(string query, string message)
    {
        var values = QueryHelpers.ParseQuery(query);

        Assert.False(FilterCodec.TryReadBounds(values, CodecMode.Strict, out _, out _, out var error));
        Assert.Equal(message, error);
        Assert.True(FilterCodec.TryReadBounds(values, CodecMode.Lenient, out var from, out var to, out _));
        Assert.Null(from);
        Assert.Null(to);
    }

    [Theory]
    [InlineData("from=0001-01-01T00:00:00Z", "'from' must lie between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z")]
    [InlineData("from=1970-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "'from' must lie between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z")]
    [InlineData("from=2026-01-01T00:00:00Z&to=9999-12-31T23:59:59Z", "'to' must lie between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z")]
    public void Bounds_OutsideTheLimits_StrictNamesTheParameterLenientReadsNone(string query, string message)
    {
        var values = QueryHelpers.ParseQuery(query);

        Assert.False(FilterCodec.TryReadBounds(values, CodecMode.Strict, out _, out _, out var error));
        Assert.Equal(message, error);
        Assert.True(FilterCodec.TryReadBounds(values, CodecMode.Lenient, out var from, out var to, out _));
        Assert.Null(from);
        Assert.Null(to);
    }

    [Fact]
    public void Bounds_AtTheLimitsAndLongerThanAPageShows_StrictAcceptsThem()
    {
        var values = QueryHelpers.ParseQuery("from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z");

        Assert.True(FilterCodec.TryReadBounds(values, CodecMode.Strict, out var from, out var to, out var error));
        Assert.Null(error);
        Assert.Equal(RangeLimits.Earliest, from);
        Assert.Equal(RangeLimits.Latest, to);
    }

    [Fact]
    public void PageUrl_EveryKey_TheApiReadsTheSameSelection()
    {
        var filter = new LiveFilter
        {
            Sources = [EventSource.LoginGov, EventSource.FusionAuth],
            Types = ["user.login.failed"],
            Milestones = ["login.password"],
            Outcomes = [Outcome.RateLimited],
            Reasons = ["invalid-credentials"],
            ReasonField = "code",
            ReasonCode = "bad password",
            Authenticators = ["totp"],
            Person = "email:p&1",
            Session = "s 1",
            Ip = "192.0.2.7",
            Country = "US",
            Text = "otp=1",
        };
        var query = QueryHelpers.ParseQuery(filter.ToQueryString());

        Assert.True(FilterCodec.TryReadSelection(query, CodecMode.Strict, out var strict, out var error), error);

        var expected = filter.Selection;
        Assert.Equal(expected.Sources, strict.Sources);
        Assert.Equal(expected.EventTypes, strict.EventTypes);
        Assert.Equal(expected.Milestones, strict.Milestones);
        Assert.Equal(expected.Outcomes, strict.Outcomes);
        Assert.Equal(expected.Reasons, strict.Reasons);
        Assert.Equal(expected.Authenticators, strict.Authenticators);
        Assert.Equal(expected.Countries, strict.Countries);
        Assert.Equal((expected.ReasonField, expected.ReasonCode, expected.PersonKey, expected.SessionKey, expected.Ip, expected.Text),
            (strict.ReasonField, strict.ReasonCode, strict.PersonKey, strict.SessionKey, strict.Ip, strict.Text));
    }

    [Fact]
    public void Hub_UnknownOutcome_RefusedWithTheCodecsMessage()
    {
        var error = Assert.Throws<HubException>(() => new EventSubscriptionFilter(["Entrust"], [], ["maybe"]).Parse());

        Assert.Equal("unknown outcome 'maybe' (expected one of success, failure, rate-limited, info)", error.Message);
    }

    [Fact]
    public void Hub_KnownValuesAnyCase_ReadAsThePagesReadThem()
    {
        var subscription = new EventSubscriptionFilter(["entrust", "LoginGov"], ["mfa.verify"], ["RATE_LIMITED"]).Parse();

        Assert.Equal(new HashSet<EventSource> { EventSource.Entrust, EventSource.LoginGov }, subscription.Sources);
        Assert.Equal(new HashSet<string> { "mfa.verify" }, subscription.Milestones);
        Assert.Equal(new HashSet<Outcome> { Outcome.RateLimited }, subscription.Outcomes);
    }
}
