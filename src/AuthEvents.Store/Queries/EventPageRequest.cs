namespace AuthEvents.Store.Queries;

/// <summary>
/// Which page of the newest-first event list to read. A grid's <c>LoadData</c> passes its <see cref="Skip"/> and
/// <see cref="Take"/>; keeping <see cref="SnapshotId"/> from the first page makes the following pages (and the total)
/// stable while new events arrive, and <see cref="After"/> turns a sequential read into a keyset seek.
/// </summary>
public sealed record EventPageRequest
{
    /// <summary>The most rows one page returns.</summary>
    public const int MaxTake = 1000;

    /// <summary>Rows to skip (after <see cref="After"/>, when set).</summary>
    public int Skip { get; init; }

    /// <summary>Rows to return, 1 to <see cref="MaxTake"/>.</summary>
    public int Take { get; init; } = 100;

    /// <summary>
    /// Only events stored up to this id (ids grow with every commit): the view as it was when the first page was read.
    /// Null takes the newest stored event now; the page returns the snapshot it used.
    /// </summary>
    public long? SnapshotId { get; init; }

    /// <summary>Only events after this position in the newest-first order (the last row of the previous page): a seek instead of an offset.</summary>
    public EventCursor? After { get; init; }
}
