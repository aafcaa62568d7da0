using AuthEvents.Core.Events;
using AuthEvents.Ingest.Feed;
using AuthEvents.Store;
using AuthEvents.Store.Leases;
using AuthEvents.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AuthEvents.Tests.Nodes;

/// <summary>Two nodes' feeds joined by LISTEN/NOTIFY on one PostgreSQL database.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class FeedRelayTests : IDisposable
{
    private readonly TestDatabase _database = new();

    [Fact]
    public async Task Commit_OnNodeA_ReachesNodeBsSubscribersWithItsCountsAndNotAsOwnOnA()
    {
        await using var services = Services();
        var (feedA, feedB) = (new EventFeed(TimeProvider.System, NullLogger<EventFeed>.Instance), new EventFeed(TimeProvider.System, NullLogger<EventFeed>.Instance));
        using var relayA = Relay(services, feedA, "node-a");
        using var relayB = Relay(services, feedB, "node-b");
        await relayA.StartAsync(CancellationToken.None);
        await relayB.StartAsync(CancellationToken.None);
        await Task.WhenAll(relayA.Listening, relayB.Listening).WaitAsync(Patience.HangGuard);
        var onB = new TaskCompletionSource<FeedUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        var onA = new List<FeedUpdate>();
        using var subscriptionB = feedB.Subscribe((u, _) => { onB.TrySetResult(u); return Task.CompletedTask; }, TimeSpan.Zero);
        using var subscriptionA = feedA.Subscribe((u, _) => { lock (onA) { onA.Add(u); } return Task.CompletedTask; }, TimeSpan.Zero);

        feedA.Publish([Event(EventSource.Entrust), Event(EventSource.Entrust), Event(EventSource.FusionAuth)], quarantined: 1);
        var received = await onB.Task.WaitAsync(Patience.HangGuard);
        // Node A's own notification comes back to it too; a marker sent after it proves it was skipped.
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var markerSubscription = feedA.Subscribe((u, _) => { if (u.Quarantined == 7) { marker.TrySetResult(); } return Task.CompletedTask; }, TimeSpan.Zero);
        feedB.Publish([], quarantined: 7);
        await marker.Task.WaitAsync(Patience.HangGuard);

        Assert.Equal((3, 1), (received.NewEvents, received.Quarantined));
        Assert.Equal(2, received.BySource[EventSource.Entrust]);
        Assert.Equal(1, received.BySource[EventSource.FusionAuth]);
        lock (onA)
        {
            Assert.Equal(3, onA.Where(u => u.Quarantined != 7).Sum(u => u.NewEvents));
        }

        await relayA.StopAsync(CancellationToken.None);
        await relayB.StopAsync(CancellationToken.None);
    }

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_database.Location);
        services.AddSingleton(_ => NpgsqlDataSource.Create(_database.ConnectionString));
        return services.BuildServiceProvider();
    }

    private static PostgresFeedRelay Relay(IServiceProvider services, EventFeed feed, string node) =>
        new(services, feed, new NodeIdentity(node), TimeProvider.System, NullLogger<PostgresFeedRelay>.Instance);

    private static AuthEvent Event(EventSource source) => new()
    {
        Source = source,
        ProviderEventId = Guid.NewGuid().ToString(),
        EventType = "t",
        Milestone = AuthEvents.Core.Events.Milestones.Other,
        Outcome = Outcome.Info,
        OccurredAt = DateTimeOffset.UnixEpoch,
        ReceivedAt = DateTimeOffset.UnixEpoch,
    };

    public void Dispose() => _database.Dispose();
}
