using AuthEvents.Core.Events;

namespace AuthEvents.Ingest.Feed;

/// <summary>What arrived since a subscriber's last callback: counts only; pages re-query for rows.</summary>
public sealed record FeedUpdate(int NewEvents, int Quarantined, IReadOnlyDictionary<EventSource, int> BySource, DateTimeOffset? NewestOccurredAt);
