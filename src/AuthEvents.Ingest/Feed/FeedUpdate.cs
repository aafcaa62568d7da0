using AuthEvents.Core.Events;

namespace AuthEvents.Ingest.Feed;

/// <summary>What arrived since a subscriber's last callback: counts only; pages re-query for rows.</summary>
public sealed record FeedUpdate(int NewEvents, int Quarantined, IReadOnlyDictionary<EventSource, int> BySource, DateTimeOffset? NewestOccurredAt)
{
    /// <summary>Alerts opened or changed (by the rules or by an analyst) since the last callback.</summary>
    public int AlertChanges { get; init; }

    /// <summary>True when events or quarantined records arrived (pages that show only events ignore the rest).</summary>
    public bool HasEvents => NewEvents > 0 || Quarantined > 0;
}
