using System.Globalization;
using AuthEvents.Store.Queries;
using AuthEvents.Web.Navigation;

namespace AuthEvents.Web.Components.Pages.Live;

/// <summary>
/// What the live view shows and when it may move: the newest rows of its selection (newest first, at most
/// <see cref="Capacity"/>, and older pages after them while the analyst scrolls through them), their total, the snapshot
/// they were read at and the filter and query they were read with; and whether the view holds still
/// (<see cref="Paused"/>, or <see cref="ScrolledAway"/> from the newest rows), counting what <see cref="Arrived"/>
/// meanwhile. Plain state and decisions: the page reads the store and asks it what to keep.
/// </summary>
public sealed class LiveWindow
{
    /// <summary>The grid holds the newest rows of the selection; the export has no cap.</summary>
    public const int DefaultCapacity = 500;

    /// <summary>
    /// The most rows scrolling to the end of the list brings in (a circuit keeps them in memory, about 0.5 KB a row);
    /// past it the list says so and the export has the rest.
    /// </summary>
    public const int MaxListed = 10_000;

    public LiveWindow(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>The most rows the view holds.</summary>
    public int Capacity { get; }

    /// <summary>The newest rows of the selection, newest first (by time, then id).</summary>
    public IReadOnlyList<EventListItem> Rows { get; private set; } = [];

    /// <summary>The events the selection holds at <see cref="SnapshotId"/>, listed or not.</summary>
    public long Total { get; private set; }

    /// <summary>
    /// The snapshot the rows and total were read at: the Live range adds what was stored after it, and while the view
    /// holds still, what was stored after it is what <see cref="Arrived"/> counts.
    /// </summary>
    public long SnapshotId { get; private set; }

    /// <summary>The filter the rows were read with; null before the first read.</summary>
    public LiveFilter? RowsFilter { get; private set; }

    /// <summary>
    /// The query the rows were read with, its time bounds resolved when they were read: older rows are read with it, so a
    /// relative range ("last hour") does not move under a list the analyst is scrolling through.
    /// </summary>
    public EventQuery? RowsQuery { get; private set; }

    /// <summary>
    /// The selection holds rows older than the last one listed that scrolling to the end may bring in (the list is below
    /// <see cref="MaxListed"/>, and the last read of older rows did not come back short).
    /// </summary>
    public bool HasOlder => !_endReached && OlderTake > 0;

    /// <summary>Where the next older rows start: after the last row listed; null when there are none.</summary>
    public EventCursor? OlderCursor => Rows.Count > 0 ? EventCursor.Of(Rows[^1]) : null;

    /// <summary>How many older rows the next read brings in: a page, less near the total or <see cref="MaxListed"/>.</summary>
    public int OlderTake => (int)Math.Clamp(Math.Min(MaxListed, Total) - Rows.Count, 0, Capacity);

    // The last read of older rows came back short: nothing older is stored (the total may count rows the list cannot reach).
    private bool _endReached;

    /// <summary>The analyst paused the view.</summary>
    public bool Paused { get; private set; }

    /// <summary>The analyst scrolled the grid away from the newest rows: they hold still (like a pause) until the grid is back at the top.</summary>
    public bool ScrolledAway { get; private set; }

    /// <summary>The rows hold still: paused or scrolled away.</summary>
    public bool Holding => Paused || ScrolledAway;

    /// <summary>While holding: the events the filter selects that were stored after <see cref="SnapshotId"/>.</summary>
    public long Arrived { get; private set; }

    /// <summary>The newest row's id; null when there are no rows.</summary>
    public long? NewestId => Rows.Count > 0 ? Rows[0].Id : null;

    /// <summary>The live status line: live, paused or held, with what arrived meanwhile.</summary>
    public string StatusText => Paused ? $"Paused · {Arrived:N0} new since"
        : ScrolledAway ? $"Held while you scroll · {Arrived:N0} new"
        : "Live";

    /// <summary>How many events match, and how many of them are listed when the total is over the cap.</summary>
    public string CountText => Total <= Rows.Count
        ? $"{N(Total)} {(Total == 1 ? "event matches" : "events match")}"
        : $"{N(Total)} events match · the newest {N(Rows.Count)} listed";

    /// <summary>
    /// What the end of the list says: null when every match is listed in a list no longer than a page; otherwise whether
    /// scrolling brings in more, or why not.
    /// </summary>
    public string? EndText => Rows.Count >= Total
        ? Rows.Count > Capacity ? $"All {N(Total)} matching events listed." : null
        : HasOlder ? $"{N(Rows.Count)} of {N(Total)} listed · scroll on or load {N(OlderTake)} older"
        : Rows.Count >= MaxListed ? $"The newest {N(Rows.Count)} of {N(Total)} are listed: narrow the filters, or export them all."
        : $"{N(Rows.Count)} of {N(Total)} listed: the store returned no older rows (the total may count rows the list cannot reach).";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether the rows were read with this filter (the selected event aside): only then may events read with it be merged into them.
    /// </summary>
    public bool ReadWith(LiveFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return RowsFilter is { } read && read with { Selected = null } == filter with { Selected = null };
    }

    /// <summary>
    /// Sets why the view holds still. Starting to hold: everything stored after the rows on screen counts as new from zero
    /// (the caller drops a read still running, so nothing moves). Ending it: the caller reads again to catch up.
    /// </summary>
    public HoldChange SetHold(bool paused, bool scrolledAway)
    {
        var wasHolding = Holding;
        (Paused, ScrolledAway) = (paused, scrolledAway);
        if (Holding == wasHolding)
        {
            return HoldChange.None;
        }

        if (Holding)
        {
            Arrived = 0;
            return HoldChange.Started;
        }

        return HoldChange.Ended;
    }

    /// <summary>The pause button: pauses, or resumes.</summary>
    public HoldChange TogglePause() => SetHold(!Paused, ScrolledAway);

    /// <summary>The grid reports it scrolled away from the newest rows, or back to them.</summary>
    public HoldChange Scrolled(bool away) => SetHold(Paused, away);

    /// <summary>
    /// What arrived while the view holds still, counted after <paramref name="snapshotId"/>. Ignored (false) when the
    /// view no longer holds, or a read with a new filter replaced the rows meanwhile (the count was of the old ones).
    /// </summary>
    public bool CountWhileHeld(long arrived, long snapshotId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(arrived);
        if (!Holding || snapshotId != SnapshotId)
        {
            return false;
        }

        Arrived = arrived;
        return true;
    }

    /// <summary>
    /// Replaces the rows with a full read of <paramref name="filter"/>'s selection (<paramref name="query"/>, its bounds
    /// resolved). While the view holds still only a read the analyst asked for applies (<paramref name="evenWhileHeld"/>:
    /// they changed the filter), and the count of new events starts again from it. Older rows listed before are dropped.
    /// </summary>
    /// <returns>Dropped while held; otherwise whether the total, the newest row or the number listed changed.</returns>
    public LiveUpdate Reset(EventPage page, LiveFilter filter, EventQuery query, bool evenWhileHeld = false)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(query);
        if (Holding && !evenWhileHeld)
        {
            return LiveUpdate.Dropped;
        }

        var rows = page.Items.Count > Capacity ? page.Items.Take(Capacity).ToList() : page.Items;
        var changed = page.TotalCount != Total || (rows.Count > 0 ? rows[0].Id : (long?)null) != NewestId || rows.Count != Rows.Count;
        (Rows, Total, SnapshotId, RowsFilter, RowsQuery, Arrived, _endReached) = (rows, page.TotalCount, page.SnapshotId, filter, query, 0, false);
        return changed ? LiveUpdate.Changed : LiveUpdate.Unchanged;
    }

    /// <summary>
    /// Lists <paramref name="older"/>, read after <paramref name="after"/> at <paramref name="snapshotId"/> with
    /// <paramref name="filter"/>, after the rows: the analyst scrolled to the end of the list. Only while the view holds
    /// still (live, the rows keep to the newest page), and only onto the rows it was read for.
    /// </summary>
    /// <returns>Dropped when the view moved on, or the rows changed, since the read began; otherwise whether rows were added.</returns>
    public LiveUpdate AppendOlder(IReadOnlyList<EventListItem> older, EventCursor after, long snapshotId, LiveFilter filter)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(filter);
        if (!Holding || !ReadWith(filter) || snapshotId != SnapshotId || OlderCursor != after || !HasOlder)
        {
            return LiveUpdate.Dropped;
        }

        var take = OlderTake;
        _endReached = older.Count < take;
        if (older.Count == 0)
        {
            return LiveUpdate.Unchanged;
        }

        Rows = [.. Rows, .. older.Take(take)];
        return LiveUpdate.Changed;
    }

    /// <summary>
    /// A full read and what was stored after its snapshot, read right after it (events arrived while a slow filter read
    /// the page): one page at the later snapshot, so that a view never shows an older result than an update already did.
    /// </summary>
    public EventPage CatchUp(EventPage page, EventPage newer)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(newer);
        return new EventPage(Combine(newer.Items, page.Items, Capacity), page.TotalCount + newer.TotalCount, newer.SnapshotId);
    }

    /// <summary>
    /// Adds the events stored after <paramref name="readFrom"/> (<paramref name="newer"/>, read with
    /// <paramref name="filter"/>) to the rows and the total, and moves the snapshot to theirs.
    /// </summary>
    /// <returns>
    /// Dropped while the view holds still or when the rows were read with another filter meanwhile; Superseded when a full
    /// read replaced the rows meanwhile (read again from <see cref="SnapshotId"/>); otherwise whether rows were added.
    /// </returns>
    public LiveUpdate Merge(EventPage newer, long readFrom, LiveFilter filter)
    {
        ArgumentNullException.ThrowIfNull(newer);
        ArgumentNullException.ThrowIfNull(filter);
        if (Holding || !ReadWith(filter))
        {
            return LiveUpdate.Dropped;
        }

        if (readFrom != SnapshotId)
        {
            return LiveUpdate.Superseded;
        }

        SnapshotId = newer.SnapshotId;
        if (newer.Items.Count == 0)
        {
            return LiveUpdate.Unchanged;
        }

        Rows = Combine(newer.Items, Rows, Capacity);
        Total += newer.TotalCount;
        return LiveUpdate.Changed;
    }

    // Newest first, one row per event (the newer read's, when both have it), the newest `capacity` of them.
    private static List<EventListItem> Combine(IEnumerable<EventListItem> newer, IEnumerable<EventListItem> rows, int capacity) =>
        newer.Concat(rows).DistinctBy(e => e.Id).OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(capacity).ToList();
}
