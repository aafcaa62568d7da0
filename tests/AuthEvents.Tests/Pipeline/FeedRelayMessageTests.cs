using AuthEvents.Core.Events;
using AuthEvents.Ingest.Feed;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Pipeline;

/// <summary>What one node tells the others about its commits, and that anything else on the channel is ignored.</summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class FeedRelayMessageTests
{
    [Fact]
    public void RoundTrip_Counts_SameUpdateAndSender()
    {
        var newest = new DateTimeOffset(2026, 12, 7, 20, 0, 0, TimeSpan.Zero);
        var update = new FeedUpdate(5, 1, new Dictionary<EventSource, int> { [EventSource.Entrust] = 3, [EventSource.LoginGov] = 2 }, newest);

        var (node, back) = PostgresFeedRelay.Deserialize(PostgresFeedRelay.Serialize("node-a", update))!.Value;

        Assert.Equal("node-a", node);
        Assert.Equal((5, 1, newest), (back.NewEvents, back.Quarantined, back.NewestOccurredAt));
        Assert.Equal(update.BySource.OrderBy(p => p.Key), back.BySource.OrderBy(p => p.Key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"Node\":\"x\",\"Events\":-1}")]
    [InlineData("{\"Node\":\"x\",\"Alerts\":-1}")]
    [InlineData("[1,2]")]
    public void Deserialize_NotOurMessage_Ignored(string payload) => Assert.Null(PostgresFeedRelay.Deserialize(payload));

    [Fact]
    public void Deserialize_UnknownSourcesAndOutOfRangeTime_Dropped()
    {
        var (_, update) = PostgresFeedRelay.Deserialize("{\"Node\":\"b\",\"Events\":2,\"BySource\":{\"999\":1,\"x\":1,\"1\":2},\"NewestTicks\":-5}")!.Value;

        Assert.Equal([EventSource.LoginGov], update.BySource.Keys);
        Assert.Null(update.NewestOccurredAt);
    }

    [Fact]
    public async Task RoundTrip_AlertChanges_ReachTheOtherNodesPages()
    {
        var (_, back) = PostgresFeedRelay.Deserialize(PostgresFeedRelay.Serialize("node-a", new FeedUpdate(0, 0, new Dictionary<EventSource, int>(), null) { AlertChanges = 2 }))!.Value;
        var feed = new EventFeed(TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<EventFeed>.Instance);
        var heard = new TaskCompletionSource<FeedUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = feed.Subscribe((u, _) =>
        {
            heard.TrySetResult(u);
            return Task.CompletedTask;
        }, TimeSpan.Zero);

        feed.PublishFromOtherNode(back);

        Assert.Equal(2, back.AlertChanges);
        Assert.False(back.HasEvents);
        Assert.Equal(2, (await heard.Task.WaitAsync(Patience.HangGuard)).AlertChanges);
    }
}
