using AuthEvents.Ingest.Feed;
using AuthEvents.Store.Alerts;
using Microsoft.AspNetCore.SignalR;

namespace AuthEvents.Web.Hubs;

/// <summary>
/// Sends each opened or changed alert to the hub connections whose alert filter matches, as the client method
/// <see cref="EventsHub.AlertMethod"/>. It follows the throttled feed's alert announcements (this node's and, through the
/// relay, the other nodes') and reads the alerts changed after a bookmark (the last change sequence number sent), so a
/// burst of changes becomes one read and each alert is sent once, in its newest state.
/// </summary>
public sealed partial class AlertHubBroadcaster(
    EventFeed feed, AlertQueries queries, HubAlertSubscriptions subscriptions, IHubContext<EventsHub> hub, ILogger<AlertHubBroadcaster> logger) : BackgroundService
{
    /// <summary>How often at most the feed wakes the broadcaster.</summary>
    public static readonly TimeSpan Throttle = TimeSpan.FromMilliseconds(250);

    private const int BatchSize = AlertQueries.MaxPage;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _following = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _bookmark;

    /// <summary>Completes once the broadcaster follows the feed: changes after that are sent.</summary>
    public Task Following => _following.Task;

    /// <summary>Raised after each batch of changes has been handed to the matching connections, with the new bookmark.</summary>
    public event Action<long>? Sent;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _bookmark = await queries.LatestSeqAsync(stoppingToken);
        using var subscription = feed.Subscribe((update, token) => update.AlertChanges > 0 ? SendChangedAsync(token) : Task.CompletedTask, Throttle);
        // A change announced between reading the bookmark and subscribing is read now rather than with the next one.
        await SendChangedAsync(stoppingToken);
        _following.TrySetResult();
        await Task.Delay(Timeout.InfiniteTimeSpan, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task SendChangedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = await queries.ChangedSinceAsync(_bookmark, BatchSize, cancellationToken);
                if (batch.Count == 0)
                {
                    return;
                }

                _bookmark = batch[^1].ChangeSeq;
                if (!subscriptions.IsEmpty)
                {
                    await SendAsync(batch, cancellationToken);
                }

                Sent?.Invoke(_bookmark);
                if (batch.Count < BatchSize)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSendFailed(logger, ex.GetType().Name);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SendAsync(IReadOnlyList<AlertRow> batch, CancellationToken cancellationToken)
    {
        foreach (var (connectionId, subscription) in subscriptions.Snapshot())
        {
            foreach (var alert in batch.Where(subscription.Matches))
            {
                await hub.Clients.Client(connectionId).SendAsync(EventsHub.AlertMethod, HubAlertMessage.From(alert), cancellationToken);
            }
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending changed alerts to hub clients failed: {ExceptionType}")]
    private static partial void LogSendFailed(ILogger logger, string exceptionType);
}
