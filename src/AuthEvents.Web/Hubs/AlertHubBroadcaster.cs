using AuthEvents.Ingest.Feed;
using AuthEvents.Store.Alerts;
using Microsoft.AspNetCore.SignalR;

namespace AuthEvents.Web.Hubs;

/// <summary>
/// Sends each opened or changed alert to the hub connections whose alert filter matches, as the client method
/// <see cref="EventsHub.AlertMethod"/>. It follows the feed's alert announcements (this node's and, through the relay, the
/// other nodes'); the bookmark is the last change sequence number sent, so a burst of changes becomes one read and each
/// alert is sent once, in its newest state.
/// </summary>
public sealed class AlertHubBroadcaster(
    EventFeed feed, AlertQueries queries, HubAlertSubscriptions subscriptions, IHubContext<EventsHub> hub, ILogger<AlertHubBroadcaster> logger)
    : HubBroadcaster<AlertRow>(feed, logger)
{
    /// <summary>How often at most the feed wakes the broadcaster.</summary>
    public static readonly TimeSpan FeedThrottle = TimeSpan.FromMilliseconds(250);

    protected override int BatchSize => AlertQueries.MaxPage;

    protected override TimeSpan Throttle => FeedThrottle;

    protected override string What => "changed alerts";

    protected override bool Concerns(FeedUpdate update) => update.AlertChanges > 0;

    protected override Task<long> LatestAsync(CancellationToken cancellationToken) => queries.LatestSeqAsync(cancellationToken);

    protected override Task<IReadOnlyList<AlertRow>> ReadAfterAsync(long bookmark, int take, CancellationToken cancellationToken) =>
        queries.ChangedSinceAsync(bookmark, take, cancellationToken);

    protected override long BookmarkOf(AlertRow row) => row.ChangeSeq;

    protected override bool HasSubscribers => !subscriptions.IsEmpty;

    protected override async Task SendAsync(IReadOnlyList<AlertRow> batch, CancellationToken cancellationToken)
    {
        foreach (var (connectionId, subscription) in subscriptions.Snapshot())
        {
            foreach (var alert in batch.Where(subscription.Matches))
            {
                await hub.Clients.Client(connectionId).SendAsync(EventsHub.AlertMethod, HubAlertMessage.From(alert), cancellationToken);
            }
        }
    }
}
