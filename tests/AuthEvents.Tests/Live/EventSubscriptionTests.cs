using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace AuthEvents.Tests.Live;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class EventSubscriptionTests
{
    private static HubEvent Event(EventSource source, string milestone, Outcome outcome) =>
        new(1, source, "id", "t", milestone, outcome, DateTimeOffset.UnixEpoch, null, null, null, null, null, null, null, false);

    [Fact]
    public void Matches_EmptyFilter_Everything()
    {
        var subscription = new EventSubscriptionFilter(null, [], null).Parse();

        Assert.True(subscription.Matches(Event(EventSource.Entrust, Milestones.Other, Outcome.Info)));
    }

    [Fact]
    public void Matches_EachListNarrows_AllMustHold()
    {
        var subscription = new EventSubscriptionFilter(["loginGov", "Entrust"], [Milestones.MfaVerify], ["rate-limited", "failure"]).Parse();

        Assert.True(subscription.Matches(Event(EventSource.LoginGov, Milestones.MfaVerify, Outcome.RateLimited)));
        Assert.False(subscription.Matches(Event(EventSource.FusionAuth, Milestones.MfaVerify, Outcome.Failure)));
        Assert.False(subscription.Matches(Event(EventSource.Entrust, Milestones.LoginPassword, Outcome.Failure)));
        Assert.False(subscription.Matches(Event(EventSource.Entrust, Milestones.MfaVerify, Outcome.Success)));
    }

    [Theory]
    [InlineData("Okta", null, "unknown source 'Okta'")]
    [InlineData("2", null, "unknown source '2'")]
    [InlineData(null, "sometimes", "unknown outcome 'sometimes'")]
    public void Parse_UnknownValue_HubExceptionNamingIt(string? source, string? outcome, string message)
    {
        var filter = new EventSubscriptionFilter(source is null ? null : [source], null, outcome is null ? null : [outcome]);

        var error = Assert.Throws<HubException>(() => filter.Parse());

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
