using System.Globalization;
using AuthEvents.Store.Queries;
using AuthEvents.Web.Navigation;

namespace AuthEvents.Web.Components.Pages.Live;

/// <summary>
/// What the live view shows and when it may move: the newest rows of its selection (newest first, at most
/// <see cref="Capacity"/>), their total, the snapshot they were read at and the filter they were read with; and whether
/// the view holds still (<see cref="Paused"/>, or <see cref="ScrolledAway"/> from the newest rows), counting what
/// <see cref="Arrived"/> meanwhile. Plain state and decisions: the page reads the store and asks it what to keep.
/// </summary>
public sealed class LiveWindow
{
    /// <summary>The grid holds the newest rows of the selection; the export has no cap.</summary>
    public const int DefaultCapacity = 500;

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
        ? $"{Total.ToString("N0", CultureInfo.InvariantCulture)} {(Total == 1 ? "event matches" : "events match")}"
        : $"{Total.ToString("N0", CultureInfo.InvariantCulture)} events match · the newest {Rows.Count.ToString("N0", CultureInfo.InvariantCulture)} listed (export has them all)";

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
    /// Replaces the rows with a full read of <paramref name="filter"/>'s selection. While the view holds still only a
    /// read the analyst asked for applies (<paramref name="evenWhileHeld"/>: they changed the filter), and the count of
    /// new events starts again from it.
    /// </summary>
    /// <returns>Dropped while held; otherwise whether the total or the newest row changed.</returns>
    public LiveUpdate Reset(EventPage page, LiveFilter filter, bool evenWhileHeld = false)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(filter);
        if (Holding && !evenWhileHeld)
        {
            return LiveUpdate.Dropped;
        }

        var rows = page.Items.Count > Capacity ? page.Items.Take(Capacity).ToList() : page.Items;
        var changed = page.TotalCount != Total || (rows.Count > 0 ? rows[0].Id : (long?)null) != NewestId;
        (Rows, Total, SnapshotId, RowsFilter, Arrived) = (rows, page.TotalCount, page.SnapshotId, filter, 0);
        return changed ? LiveUpdate.Changed : LiveUpdate.Unchanged;
    }

    /// <summary>
    /// A full read and what was stored after its snapshot, read right after it (events arrived while a slow filter read
    /// the page): one page at the later snapshot, so that a view never shows an older result than an update already did.
    /// </summary>
    public EventPage CatchUp(EventPage page, EventPage newer)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(newer);
        return new EventPage(Combine(newer.Items, page.Items), page.TotalCount + newer.TotalCount, newer.SnapshotId);
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

        Rows = Combine(newer.Items, Rows);
        Total += newer.TotalCount;
        return LiveUpdate.Changed;
    }

    // Newest first, one row per event (the newer read's, when both have it), the newest Capacity of them.
    private List<EventListItem> Combine(IEnumerable<EventListItem> newer, IEnumerable<EventListItem> rows) =>
        newer.Concat(rows).DistinctBy(e => e.Id).OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(Capacity).ToList();
}
