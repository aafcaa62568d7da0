using AuthEvents.Core.Events;
using AuthEvents.Ingest.Feed;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Navigation;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuthEvents.Tests.Web.Navigation;

/// <summary>
/// The feed as pages hear it: every page at one pace hears the same tick (one number, one instant), pages at another
/// pace their own; a page that fails does not keep the tick from the others; a page that left hears nothing.
/// </summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class FeedTicksTests
{
    private static readonly TimeSpan Live = TimeSpan.FromMilliseconds(500);
    private readonly TestClock _time = new();
    private readonly EventFeed _feed;
    private readonly FeedTicks _ticks;

    public FeedTicksTests()
    {
        _feed = new EventFeed(_time, NullLogger<EventFeed>.Instance);
        _ticks = new FeedTicks(_feed, _time, NullLogger<FeedTicks>.Instance);
    }

    [Fact]
    public void Publish_PagesAtOnePace_HearTheSameTick()
    {
        var heard = new List<FeedTick>();
        using var a = _ticks.Subscribe(Live, t => Hear(heard, t));
        using var b = _ticks.Subscribe(Live, t => Hear(heard, t));
        using var c = _ticks.Subscribe(Live, t => Hear(heard, t));

        _feed.Publish([Event()], 0);

        Assert.Equal(3, heard.Count);
        Assert.All(heard, t => Assert.Same(heard[0], t));
        Assert.Equal(_time.GetUtcNow(), heard[0].At);
        Assert.Equal(1, heard[0].Update.NewEvents);
    }

    [Fact]
    public void Publish_NextWindow_ANewerTick()
    {
        var heard = new List<FeedTick>();
        using var a = _ticks.Subscribe(Live, t => Hear(heard, t));
        _feed.Publish([Event()], 0);

        _feed.Publish([Event()], 0);
        _time.Advance(Live);

        Assert.Equal(2, heard.Count);
        Assert.True(heard[1].Number > heard[0].Number);
        Assert.Equal(heard[0].At + Live, heard[1].At);
    }

    [Fact]
    public void Publish_AnotherPace_ItsOwnTick()
    {
        var live = new List<FeedTick>();
        var overview = new List<FeedTick>();
        using var a = _ticks.Subscribe(Live, t => Hear(live, t));
        using var b = _ticks.Subscribe(TimeSpan.FromSeconds(10), t => Hear(overview, t));

        _feed.Publish([Event()], 0);

        Assert.NotEqual(Assert.Single(live).Number, Assert.Single(overview).Number);
        Assert.Equal(TimeSpan.FromSeconds(10), overview[0].Pace);
    }

    [Fact]
    public void Publish_OnePageFails_TheOthersStillHear()
    {
        var heard = new List<FeedTick>();
        using var failing = _ticks.Subscribe(Live, _ => throw new ObjectDisposedException("circuit"));
        using var healthy = _ticks.Subscribe(Live, t => Hear(heard, t));

        _feed.Publish([Event()], 0);

        Assert.Single(heard);
    }

    [Fact]
    public void Publish_PageLeft_HearsNothingAndTheOthersGoOn()
    {
        var left = new List<FeedTick>();
        var stays = new List<FeedTick>();
        var leaving = _ticks.Subscribe(Live, t => Hear(left, t));
        using var staying = _ticks.Subscribe(Live, t => Hear(stays, t));

        leaving.Dispose();
        _feed.Publish([Event()], 0);

        Assert.Empty(left);
        Assert.Single(stays);
    }

    [Fact]
    public void Publish_EveryPageLeftAndOneCameBack_HearsTheNextTick()
    {
        var heard = new List<FeedTick>();
        _ticks.Subscribe(Live, t => Hear(heard, t)).Dispose();
        using var again = _ticks.Subscribe(Live, t => Hear(heard, t));

        _feed.Publish([Event()], 0);

        Assert.Single(heard);
    }

    private static Task Hear(List<FeedTick> heard, FeedTick tick)
    {
        lock (heard)
        {
            heard.Add(tick);
        }

        return Task.CompletedTask;
    }

    private AuthEvent Event() => new()
    {
        Source = EventSource.Entrust,
        ProviderEventId = Guid.NewGuid().ToString(),
        EventType = "t",
        Milestone = Milestones.Other,
        Outcome = Outcome.Info,
        OccurredAt = _time.GetUtcNow(),
        ReceivedAt = _time.GetUtcNow(),
    };
}
