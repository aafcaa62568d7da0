using AuthEvents.Ingest.Feed;
using AuthEvents.Store.Queries;
using Microsoft.AspNetCore.SignalR;

namespace AuthEvents.Web.Hubs;

/// <summary>
/// Sends each newly stored event to the hub connections whose filter matches, as the client method
/// <see cref="EventsHub.EventMethod"/>: the bookmark is the last event id sent.
/// </summary>
public sealed class EventHubBroadcaster(
    EventFeed feed, LiveQueries queries, HubSubscriptions subscriptions, IHubContext<EventsHub> hub, ILogger<EventHubBroadcaster> logger)
    : HubBroadcaster<HubEvent>(feed, logger)
{
    protected override int BatchSize => 500;

    protected override TimeSpan Throttle => TimeSpan.FromMilliseconds(100);

    protected override string What => "new events";

    protected override bool Concerns(FeedUpdate update) => update.HasEvents;

    protected override Task<long> LatestAsync(CancellationToken cancellationToken) => queries.MaxIdAsync(cancellationToken);

    protected override Task<IReadOnlyList<HubEvent>> ReadAfterAsync(long bookmark, int take, CancellationToken cancellationToken) =>
        queries.AfterAsync(bookmark, take, cancellationToken);

    protected override long BookmarkOf(HubEvent row) => row.Id;

    protected override bool HasSubscribers => !subscriptions.IsEmpty;

    protected override async Task SendAsync(IReadOnlyList<HubEvent> batch, CancellationToken cancellationToken)
    {
        foreach (var (connectionId, subscription) in subscriptions.Snapshot())
        {
            foreach (var e in batch.Where(subscription.Matches))
            {
                await hub.Clients.Client(connectionId).SendAsync(EventsHub.EventMethod, HubEventMessage.From(e), cancellationToken);
            }
        }
    }
}
