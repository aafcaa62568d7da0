using AuthEvents.Core.Events;

namespace AuthEvents.Store.Journeys;

/// <summary>Another session seen with a pivot value.</summary>
public sealed record PivotSession(string Key, EventSource Source, int Events, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);
