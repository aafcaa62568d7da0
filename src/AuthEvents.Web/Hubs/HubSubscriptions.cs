using System.Collections.Concurrent;

namespace AuthEvents.Web.Hubs;

/// <summary>The live subscriptions of hub connections, by connection id.</summary>
public sealed class HubSubscriptions
{
    private readonly ConcurrentDictionary<string, EventSubscription> _byConnection = new(StringComparer.Ordinal);

    public void Set(string connectionId, EventSubscription subscription) => _byConnection[connectionId] = subscription;

    public void Remove(string connectionId) => _byConnection.TryRemove(connectionId, out _);

    public bool IsEmpty => _byConnection.IsEmpty;

    public IReadOnlyList<KeyValuePair<string, EventSubscription>> Snapshot() => [.. _byConnection];
}
