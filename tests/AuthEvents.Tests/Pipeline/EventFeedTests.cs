using AuthEvents.Core.Events;
using AuthEvents.Ingest.Feed;
using AuthEvents.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuthEvents.Tests.Pipeline;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class EventFeedTests
{
    private readonly TestClock _time = new();

    [Fact]
    public void Publish_ManyCommitsInsideWindow_OneCallbackWithTheirSum()
    {
        var feed = new EventFeed(_time, NullLogger<EventFeed>.Instance);
        var updates = new List<FeedUpdate>();
        using var subscription = feed.Subscribe((u, _) => { updates.Add(u); return Task.CompletedTask; }, TimeSpan.FromMilliseconds(250));

        feed.Publish([Event(EventSource.Entrust)], 0);
        _time.Advance(TimeSpan.FromMilliseconds(50));
        feed.Publish([Event(EventSource.Entrust), Event(EventSource.LoginGov)], 1);
        feed.Publish([Event(EventSource.OnePassword)], 0);
        _time.Advance(TimeSpan.FromMilliseconds(300));

        Assert.Equal(2, updates.Count);
        Assert.Equal(1, updates[0].NewEvents);
        Assert.Equal(3, updates[1].NewEvents);
        Assert.Equal(1, updates[1].Quarantined);
        Assert.Equal(1, updates[1].BySource[EventSource.Entrust]);
    }

    [Fact]
    public void Publish_AfterDispose_NoCallback()
    {
        var feed = new EventFeed(_time, NullLogger<EventFeed>.Instance);
        var calls = 0;
        var subscription = feed.Subscribe((_, _) => { calls++; return Task.CompletedTask; }, TimeSpan.FromSeconds(1));
        subscription.Dispose();

        feed.Publish([Event(EventSource.Entrust)], 0);
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(0, calls);
    }

    [Fact]
    public void Publish_SubscriberThrows_OtherSubscribersStillCalled()
    {
        var feed = new EventFeed(_time, NullLogger<EventFeed>.Instance);
        var calls = 0;
        using var failing = feed.Subscribe((_, _) => throw new ObjectDisposedException("circuit"), TimeSpan.Zero);
        using var healthy = feed.Subscribe((_, _) => { calls++; return Task.CompletedTask; }, TimeSpan.Zero);

        feed.Publish([Event(EventSource.Entrust)], 0);

        Assert.Equal(1, calls);
    }

    private AuthEvent Event(EventSource source) => new()
    {
        Source = source,
        ProviderEventId = Guid.NewGuid().ToString(),
        EventType = "t",
        Milestone = Milestones.Other,
        Outcome = Outcome.Info,
        OccurredAt = _time.GetUtcNow(),
        ReceivedAt = _time.GetUtcNow(),
    };
}
