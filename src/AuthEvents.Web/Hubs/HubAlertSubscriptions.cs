using System.Collections.Concurrent;

namespace AuthEvents.Web.Hubs;

/// <summary>The alert subscriptions of hub connections, by connection id (apart from their event subscriptions).</summary>
public sealed class HubAlertSubscriptions
{
    private readonly ConcurrentDictionary<string, AlertSubscription> _byConnection = new(StringComparer.Ordinal);

    public void Set(string connectionId, AlertSubscription subscription) => _byConnection[connectionId] = subscription;

    public void Remove(string connectionId) => _byConnection.TryRemove(connectionId, out _);

    public bool IsEmpty => _byConnection.IsEmpty;

    public IReadOnlyList<KeyValuePair<string, AlertSubscription>> Snapshot() => [.. _byConnection];
}
