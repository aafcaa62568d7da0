namespace AuthEvents.Store.Queries;

/// <summary>
/// One page of the newest-first event list, the number of events the query selects in the snapshot
/// (<see cref="TotalCount"/>, for a virtualized grid's <c>Count</c>), and the snapshot to pass on for the next pages.
/// </summary>
public sealed record EventPage(IReadOnlyList<EventListItem> Items, long TotalCount, long SnapshotId)
{
    /// <summary>The cursor after this page's last row, for <see cref="EventPageRequest.After"/>; null when the page is empty.</summary>
    public EventCursor? Next => Items.Count == 0 ? null : EventCursor.Of(Items[^1]);
}
