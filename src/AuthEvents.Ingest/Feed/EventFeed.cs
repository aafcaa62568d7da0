using AuthEvents.Core.Events;
using AuthEvents.Ingest.Telemetry;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Ingest.Feed;

/// <summary>
/// In-process notification raised after each pipeline commit. Subscribers (pages, the external hub) get a
/// throttled callback with what arrived since their last one: many commits inside one throttle window become
/// one callback, so a busy feed never floods a page. Lossy by design: pages re-query the store.
/// </summary>
public sealed class EventFeed(TimeProvider time, ILogger<EventFeed> logger, IngestMetrics? metrics = null)
{
    private readonly Lock _lock = new();
    private readonly List<FeedSubscription> _subscriptions = [];

    /// <summary>Subscribes; dispose the result to stop. <paramref name="callback"/> runs at most once per <paramref name="throttle"/>.</summary>
    public IDisposable Subscribe(Func<FeedUpdate, CancellationToken, Task> callback, TimeSpan throttle)
    {
        var subscription = new FeedSubscription(this, callback, throttle, time, logger);
        lock (_lock)
        {
            _subscriptions.Add(subscription);
        }

        metrics?.LiveSubscribed();
        return subscription;
    }

    /// <summary>
    /// This node's own commits, as counted by <see cref="Publish"/>: what <see cref="PostgresFeedRelay"/> sends to the other
    /// nodes. Handlers must not block.
    /// </summary>
    public event Action<FeedUpdate>? Committed;

    /// <summary>Announces a commit of this node. Never blocks on subscribers.</summary>
    public void Publish(IReadOnlyList<AuthEvent> newEvents, int quarantined)
    {
        ArgumentNullException.ThrowIfNull(newEvents);
        if (newEvents.Count == 0 && quarantined == 0)
        {
            return;
        }

        var bySource = new Dictionary<EventSource, int>();
        DateTimeOffset? newest = null;
        foreach (var e in newEvents)
        {
            bySource[e.Source] = bySource.GetValueOrDefault(e.Source) + 1;
            if (newest is null || e.OccurredAt > newest)
            {
                newest = e.OccurredAt;
            }
        }

        var update = new FeedUpdate(newEvents.Count, quarantined, bySource, newest);
        Distribute(update);
        Committed?.Invoke(update);
    }

    /// <summary>
    /// Announces alerts this node opened or changed (rules or triage): subscribers hear it, and so do the other nodes
    /// through <see cref="Committed"/>. Never blocks.
    /// </summary>
    public void PublishAlerts(int changes)
    {
        if (changes <= 0)
        {
            return;
        }

        var update = new FeedUpdate(0, 0, new Dictionary<EventSource, int>(), null) { AlertChanges = changes };
        Distribute(update);
        Committed?.Invoke(update);
    }

    /// <summary>Announces another node's commit or alert changes (its counts, as it published them) to this node's subscribers.</summary>
    public void PublishFromOtherNode(FeedUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.HasEvents || update.AlertChanges > 0)
        {
            Distribute(update);
        }
    }

    private void Distribute(FeedUpdate update)
    {
        FeedSubscription[] targets;
        lock (_lock)
        {
            targets = [.. _subscriptions];
        }

        foreach (var subscription in targets)
        {
            subscription.Add(update);
        }
    }

    internal void Remove(FeedSubscription subscription)
    {
        bool removed;
        lock (_lock)
        {
            removed = _subscriptions.Remove(subscription);
        }

        if (removed)
        {
            metrics?.LiveUnsubscribed();
        }
    }
}
