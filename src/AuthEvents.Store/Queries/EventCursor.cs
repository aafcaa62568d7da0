namespace AuthEvents.Store.Queries;

/// <summary>A position in the newest-first event order: an event's occurred time and id (the tie-breaker).</summary>
public readonly record struct EventCursor(long OccurredAtTicks, long Id)
{
    public static EventCursor Of(EventListItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new EventCursor(item.OccurredAt.UtcTicks, item.Id);
    }
}
