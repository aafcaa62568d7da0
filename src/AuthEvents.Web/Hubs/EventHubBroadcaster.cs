using AuthEvents.Ingest.Feed;
using AuthEvents.Store.Queries;
using Microsoft.AspNetCore.SignalR;

namespace AuthEvents.Web.Hubs;

/// <summary>
/// Sends each newly stored event to the hub connections whose filter matches. It follows the throttled feed and reads the
/// store from a bookmark (the last event id sent), so a burst becomes a few batched reads and nothing is sent twice.
/// </summary>
public sealed partial class EventHubBroadcaster(
    EventFeed feed, LiveQueries queries, HubSubscriptions subscriptions, IHubContext<EventsHub> hub, ILogger<EventHubBroadcaster> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _bookmark;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _bookmark = await queries.MaxIdAsync(stoppingToken);
        using var subscription = feed.Subscribe((update, token) => update.HasEvents ? SendNewAsync(token) : Task.CompletedTask, TimeSpan.FromMilliseconds(100));
        await Task.Delay(Timeout.InfiniteTimeSpan, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task SendNewAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = await queries.AfterAsync(_bookmark, BatchSize, cancellationToken);
                if (batch.Count == 0)
                {
                    return;
                }

                _bookmark = batch[^1].Id;
                if (!subscriptions.IsEmpty)
                {
                    await SendAsync(batch, cancellationToken);
                }

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

    private async Task SendAsync(IReadOnlyList<HubEvent> batch, CancellationToken cancellationToken)
    {
        foreach (var (connectionId, subscription) in subscriptions.Snapshot())
        {
            foreach (var e in batch.Where(subscription.Matches))
            {
                await hub.Clients.Client(connectionId).SendAsync(EventsHub.EventMethod, HubEventMessage.From(e), cancellationToken);
            }
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending new events to hub clients failed: {ExceptionType}")]
    private static partial void LogSendFailed(ILogger logger, string exceptionType);
}
