using System.Globalization;
using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Navigation;
using AuthEvents.Web.Components.Pages.Live;

namespace AuthEvents.Tests.Web;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class LiveWindowTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly LiveFilter All = LiveFilter.Default;
    private static readonly LiveFilter Failures = new() { Outcomes = [Outcome.Failure] };

    // An event stored as id, that occurred at T0 + second.
    private static EventListItem Row(long id, int second, Outcome outcome = Outcome.Success) =>
        new(id, EventSource.Entrust, "authentication", "mfa.verify", outcome, null, null, null, null, null, null, null, T0.AddSeconds(second), false);

    private static EventPage Page(long snapshot, long total, params EventListItem[] rows) => new(rows, total, snapshot);

    private static long[] Ids(LiveWindow window) => window.Rows.Select(r => r.Id).ToArray();

    // A window showing rows 2 and 1 of 2 events, read at snapshot 10 with All.
    private static LiveWindow Shown(int capacity = LiveWindow.DefaultCapacity)
    {
        var window = new LiveWindow(capacity);
        window.Reset(Page(10, 2, Row(2, 2), Row(1, 1)), All, EventQuery.All);
        return window;
    }

    [Fact]
    public void Reset_FirstPage_ShowsItsRowsTotalSnapshotAndFilter()
    {
        var window = new LiveWindow();

        var update = window.Reset(Page(10, 2, Row(2, 2), Row(1, 1)), Failures, EventQuery.All);

        Assert.Equal(LiveUpdate.Changed, update);
        Assert.Equal([2L, 1L], Ids(window));
        Assert.Equal(2, window.Total);
        Assert.Equal(10, window.SnapshotId);
        Assert.Equal(2, window.NewestId);
        Assert.Same(Failures, window.RowsFilter);
        Assert.Equal("Live", window.StatusText);
    }

    [Fact]
    public void Reset_SameTotalAndNewestRow_Unchanged()
    {
        var window = Shown();

        var update = window.Reset(Page(11, 2, Row(2, 2), Row(1, 1)), All, EventQuery.All);

        Assert.Equal(LiveUpdate.Unchanged, update);
        Assert.Equal(11, window.SnapshotId);
    }

    [Fact]
    public void Merge_NewerRows_NewestFirstByTimeThenId()
    {
        var window = Shown();

        // Stored after the snapshot, but one of them occurred before the rows shown, and two in the same second.
        var update = window.Merge(Page(14, 3, Row(13, 5), Row(14, 5), Row(12, 0)), readFrom: 10, All);

        Assert.Equal(LiveUpdate.Changed, update);
        Assert.Equal([14L, 13L, 2L, 1L, 12L], Ids(window));
        Assert.Equal(5, window.Total);
        Assert.Equal(14, window.SnapshotId);
        Assert.Equal(14, window.NewestId);
    }

    [Fact]
    public void Merge_RowAlreadyShown_ListedOnceAsTheNewerReadHasIt()
    {
        var window = Shown();

        window.Merge(Page(12, 1, Row(3, 3), Row(2, 2, Outcome.Failure)), readFrom: 10, All);

        Assert.Equal([3L, 2L, 1L], Ids(window));
        Assert.Equal(Outcome.Failure, window.Rows[1].Outcome);
    }

    [Fact]
    public void Merge_PastCapacity_KeepsTheNewestRowsAndCountsThemAll()
    {
        var window = Shown(capacity: 3);

        window.Merge(Page(13, 3, Row(5, 5), Row(4, 4), Row(3, 3)), readFrom: 10, All);

        Assert.Equal([5L, 4L, 3L], Ids(window));
        Assert.Equal(5, window.Total);
        Assert.Equal("5 events match · the newest 3 listed", window.CountText);
    }

    [Fact]
    public void CountText_AllListed_SaysHowManyMatch()
    {
        var window = new LiveWindow();
        window.Reset(Page(3000, 1234, Row(2, 2), Row(1, 1)), All, EventQuery.All);
        Assert.Equal("1,234 events match · the newest 2 listed", window.CountText);

        window.Reset(Page(3000, 2, Row(2, 2), Row(1, 1)), All, EventQuery.All);
        Assert.Equal("2 events match", window.CountText);
    }

    [Fact]
    public void Merge_NothingNew_MovesTheSnapshotOnly()
    {
        var window = Shown();

        var update = window.Merge(Page(15, 0), readFrom: 10, All);

        Assert.Equal(LiveUpdate.Unchanged, update);
        Assert.Equal([2L, 1L], Ids(window));
        Assert.Equal(2, window.Total);
        Assert.Equal(15, window.SnapshotId);
    }

    [Fact]
    public void Merge_ReadWithAFilterTheRowsWereNotReadWith_Dropped()
    {
        var window = Shown();

        var update = window.Merge(Page(12, 1, Row(11, 5, Outcome.Failure)), readFrom: 10, Failures);

        Assert.Equal(LiveUpdate.Dropped, update);
        Assert.Equal([2L, 1L], Ids(window));
        Assert.Equal(2, window.Total);
        Assert.Equal(10, window.SnapshotId);
    }

    [Fact]
    public void Merge_FilterDiffersOnlyInTheSelectedEvent_Merged()
    {
        var window = Shown();

        var update = window.Merge(Page(12, 1, Row(11, 5)), readFrom: 10, All with { Selected = 2 });

        Assert.Equal(LiveUpdate.Changed, update);
        Assert.Equal([11L, 2L, 1L], Ids(window));
    }

    [Fact]
    public void Merge_AfterTheFilterChangedAndItsReadReplacedTheRows_Dropped()
    {
        var window = Shown();
        // Newer events of All were being read from 10 when the filter changed to Failures and its full read landed.
        window.Reset(Page(12, 1, Row(11, 5, Outcome.Failure)), Failures, EventQuery.All);

        var update = window.Merge(Page(13, 1, Row(13, 6)), readFrom: 10, All);

        Assert.Equal(LiveUpdate.Dropped, update);
        Assert.Equal([11L], Ids(window));
        Assert.Equal(1, window.Total);
        Assert.Equal(12, window.SnapshotId);
    }

    [Fact]
    public void Merge_AfterAReloadReplacedTheSnapshot_SupersededAndNothingAdded()
    {
        var window = Shown();
        // A full reload (same filter) read up to 20 while newer events were being read from 10.
        window.Reset(Page(20, 4, Row(4, 4), Row(3, 3), Row(2, 2), Row(1, 1)), All, EventQuery.All);

        var update = window.Merge(Page(12, 2, Row(12, 12), Row(11, 11)), readFrom: 10, All);

        Assert.Equal(LiveUpdate.Superseded, update);
        Assert.Equal([4L, 3L, 2L, 1L], Ids(window));
        Assert.Equal(4, window.Total);
        Assert.Equal(20, window.SnapshotId);
    }

    [Fact]
    public void CatchUp_PageAndWhatArrivedWhileItWasRead_OnePageAtTheLaterSnapshot()
    {
        var window = new LiveWindow(capacity: 3);

        var page = window.CatchUp(Page(10, 3, Row(3, 3), Row(2, 2), Row(1, 1)), Page(12, 2, Row(12, 12), Row(3, 3)));

        Assert.Equal([12L, 3L, 2L], page.Items.Select(r => r.Id).ToArray());
        Assert.Equal(5, page.TotalCount);
        Assert.Equal(12, page.SnapshotId);
    }

    [Fact]
    public void Pause_HoldsTheRowsStillAndCountsWhatArrives()
    {
        var window = Shown();

        var change = window.TogglePause();
        var merged = window.Merge(Page(13, 3, Row(13, 13), Row(12, 12), Row(11, 11)), readFrom: 10, All);
        var reset = window.Reset(Page(13, 5, Row(13, 13), Row(12, 12), Row(11, 11), Row(2, 2), Row(1, 1)), All, EventQuery.All);
        var counted = window.CountWhileHeld(3, snapshotId: 10);

        Assert.Equal(HoldChange.Started, change);
        Assert.True(window.Paused);
        Assert.True(window.Holding);
        Assert.Equal(LiveUpdate.Dropped, merged);
        Assert.Equal(LiveUpdate.Dropped, reset);
        Assert.Equal([2L, 1L], Ids(window));
        Assert.Equal(2, window.Total);
        Assert.Equal(10, window.SnapshotId);
        Assert.True(counted);
        Assert.Equal(3, window.Arrived);
        Assert.Equal("Paused · 3 new since", window.StatusText);
    }

    [Fact]
    public void StatusText_ThousandsArrived_GroupedDigits()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            var window = Shown();
            window.TogglePause();

            window.CountWhileHeld(1234, snapshotId: 10);

            Assert.Equal("Paused · 1,234 new since", window.StatusText);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void ScrolledAway_HoldsTheRowsStillAndSaysSo()
    {
        var window = Shown();

        var change = window.Scrolled(away: true);
        window.CountWhileHeld(4, snapshotId: 10);
        var merged = window.Merge(Page(12, 1, Row(11, 11)), readFrom: 10, All);

        Assert.Equal(HoldChange.Started, change);
        Assert.False(window.Paused);
        Assert.True(window.ScrolledAway);
        Assert.Equal(LiveUpdate.Dropped, merged);
        Assert.Equal([2L, 1L], Ids(window));
        Assert.Equal("Held while you scroll · 4 new", window.StatusText);
    }

    [Fact]
    public void Resume_EndsTheHoldAndAsksToCatchUp()
    {
        var window = Shown();
        window.TogglePause();
        window.CountWhileHeld(3, snapshotId: 10);

        var change = window.TogglePause();

        Assert.Equal(HoldChange.Ended, change);
        Assert.False(window.Holding);
        Assert.Equal("Live", window.StatusText);
        // Moving again: what arrived is merged, and the count is no longer taken.
        Assert.Equal(LiveUpdate.Changed, window.Merge(Page(12, 1, Row(11, 11)), readFrom: 10, All));
        Assert.False(window.CountWhileHeld(9, snapshotId: 12));
    }

    [Fact]
    public void ScrolledBackToTheTop_EndsTheHoldAndAsksToCatchUp()
    {
        var window = Shown();
        window.Scrolled(away: true);

        var change = window.Scrolled(away: false);

        Assert.Equal(HoldChange.Ended, change);
        Assert.False(window.Holding);
        Assert.Equal("Live", window.StatusText);
        Assert.Equal(LiveUpdate.Changed, window.Reset(Page(12, 3, Row(11, 11), Row(2, 2), Row(1, 1)), All, EventQuery.All));
    }

    [Fact]
    public void PausedAndScrolledAway_HeldUntilBothEnd()
    {
        var window = Shown();
        Assert.Equal(HoldChange.Started, window.Scrolled(away: true));
        window.CountWhileHeld(2, snapshotId: 10);

        // Pausing a held view holds on, and keeps its count; the pause is what the status says.
        Assert.Equal(HoldChange.None, window.TogglePause());
        Assert.Equal("Paused · 2 new since", window.StatusText);
        // Back at the top, but still paused.
        Assert.Equal(HoldChange.None, window.Scrolled(away: false));
        Assert.True(window.Holding);
        Assert.Equal("Paused · 2 new since", window.StatusText);

        Assert.Equal(HoldChange.Ended, window.TogglePause());
        Assert.Equal("Live", window.StatusText);
    }

    [Fact]
    public void NewHold_CountsFromZeroAgain()
    {
        var window = Shown();
        window.TogglePause();
        window.CountWhileHeld(7, snapshotId: 10);
        window.TogglePause();

        window.Scrolled(away: true);

        Assert.Equal(0, window.Arrived);
        Assert.Equal("Held while you scroll · 0 new", window.StatusText);
    }

    [Fact]
    public void FilterChangedWhileHeld_RowsReplacedAndTheCountStartsAgain()
    {
        var window = Shown();
        window.TogglePause();
        window.CountWhileHeld(5, snapshotId: 10);

        var update = window.Reset(Page(12, 1, Row(11, 11, Outcome.Failure)), Failures, EventQuery.All, evenWhileHeld: true);

        Assert.Equal(LiveUpdate.Changed, update);
        Assert.True(window.Paused);
        Assert.Equal([11L], Ids(window));
        Assert.Same(Failures, window.RowsFilter);
        Assert.Equal(0, window.Arrived);
        Assert.Equal("Paused · 0 new since", window.StatusText);
    }

    [Fact]
    public void CountWhileHeld_CountOfRowsAFilterChangeReplaced_Ignored()
    {
        var window = Shown();
        window.TogglePause();
        window.Reset(Page(12, 1, Row(11, 11, Outcome.Failure)), Failures, EventQuery.All, evenWhileHeld: true);

        // Counted after the old rows' snapshot, and landed after the new rows did.
        var counted = window.CountWhileHeld(40, snapshotId: 10);

        Assert.False(counted);
        Assert.Equal("Paused · 0 new since", window.StatusText);
    }

    // A window of capacity 2 showing rows 10 and 9 of 6 events (ids 10..5, one a second), held by scrolling away.
    private static LiveWindow ScrolledThroughSix()
    {
        var window = new LiveWindow(capacity: 2);
        window.Reset(Page(20, 6, Row(10, 10), Row(9, 9)), All, Query);
        window.Scrolled(away: true);
        return window;
    }

    private static readonly EventQuery Query = new() { From = T0, To = T0.AddHours(1) };

    [Fact]
    public void Older_WhileScrolledAway_ListedAfterTheRowsAndTheEndSaysHowManyAreListed()
    {
        var window = ScrolledThroughSix();
        Assert.True(window.HasOlder);
        Assert.Equal(new EventCursor(T0.AddSeconds(9).UtcTicks, 9), window.OlderCursor);
        Assert.Equal(2, window.OlderTake);
        Assert.Same(Query, window.RowsQuery);
        Assert.Equal("2 of 6 listed · scroll on or load 2 older", window.EndText);

        var update = window.AppendOlder([Row(8, 8), Row(7, 7)], window.OlderCursor!.Value, snapshotId: 20, All);

        Assert.Equal(LiveUpdate.Changed, update);
        Assert.Equal([10L, 9L, 8L, 7L], Ids(window));
        Assert.Equal(6, window.Total);
        Assert.Equal(10, window.NewestId);
        Assert.Equal("6 events match · the newest 4 listed", window.CountText);
        Assert.Equal(new EventCursor(T0.AddSeconds(7).UtcTicks, 7), window.OlderCursor);
    }

    [Fact]
    public void Older_UntilEveryMatchIsListed_ThenNoMoreAndTheEndSaysAllAreListed()
    {
        var window = ScrolledThroughSix();
        window.AppendOlder([Row(8, 8), Row(7, 7)], window.OlderCursor!.Value, 20, All);

        window.AppendOlder([Row(6, 6), Row(5, 5)], window.OlderCursor!.Value, 20, All);

        Assert.Equal([10L, 9L, 8L, 7L, 6L, 5L], Ids(window));
        Assert.False(window.HasOlder);
        Assert.Equal("6 events match", window.CountText);
        Assert.Equal("All 6 matching events listed.", window.EndText);
    }

    [Fact]
    public void Older_ReadComesBackShort_NoMoreIsAskedForAndTheEndSaysWhy()
    {
        var window = ScrolledThroughSix();

        var update = window.AppendOlder([Row(8, 8)], window.OlderCursor!.Value, 20, All);

        Assert.Equal(LiveUpdate.Changed, update);
        Assert.False(window.HasOlder);
        Assert.StartsWith("3 of 6 listed: the store returned no older rows", window.EndText, StringComparison.Ordinal);
    }

    [Fact]
    public void Older_NotHolding_DroppedBecauseTheLiveRowsKeepToTheNewestPage()
    {
        var window = new LiveWindow(capacity: 2);
        window.Reset(Page(20, 6, Row(10, 10), Row(9, 9)), All, Query);

        Assert.Equal(LiveUpdate.Dropped, window.AppendOlder([Row(8, 8)], window.OlderCursor!.Value, 20, All));
        Assert.Equal([10L, 9L], Ids(window));
    }

    [Fact]
    public void Older_ReadBeforeTheRowsChanged_Dropped()
    {
        // Read after row 9 at snapshot 20 with All; meanwhile the analyst changed the filter, another snapshot was read,
        // or another page of older rows was listed first.
        var staleFilter = ScrolledThroughSix();
        var cursor = staleFilter.OlderCursor!.Value;
        staleFilter.Reset(Page(21, 6, Row(10, 10), Row(9, 9)), Failures, Query, evenWhileHeld: true);
        Assert.Equal(LiveUpdate.Dropped, staleFilter.AppendOlder([Row(8, 8)], cursor, 21, All));

        var staleSnapshot = ScrolledThroughSix();
        staleSnapshot.Reset(Page(21, 7, Row(11, 11), Row(10, 10)), All, Query, evenWhileHeld: true);
        Assert.Equal(LiveUpdate.Dropped, staleSnapshot.AppendOlder([Row(8, 8)], cursor, 20, All));

        var staleCursor = ScrolledThroughSix();
        staleCursor.AppendOlder([Row(8, 8), Row(7, 7)], cursor, 20, All);
        Assert.Equal(LiveUpdate.Dropped, staleCursor.AppendOlder([Row(8, 8), Row(7, 7)], cursor, 20, All));
        Assert.Equal([10L, 9L, 8L, 7L], Ids(staleCursor));
    }

    [Fact]
    public void Older_UpToMaxListed_ThenTheEndPointsToTheExport()
    {
        var window = new LiveWindow(capacity: 1000);
        var rows = Enumerable.Range(0, 1000).Select(i => Row(100_000 - i, -i)).ToArray();
        window.Reset(Page(200_000, 50_000, rows), All, Query);
        window.Scrolled(away: true);

        while (window.HasOlder)
        {
            var last = window.Rows[^1];
            var take = window.OlderTake;
            var older = Enumerable.Range(1, take).Select(i => Row(last.Id - i, (int)(last.OccurredAt - T0).TotalSeconds - i)).ToArray();
            Assert.Equal(LiveUpdate.Changed, window.AppendOlder(older, window.OlderCursor!.Value, 200_000, All));
        }

        Assert.Equal(LiveWindow.MaxListed, window.Rows.Count);
        Assert.Equal(0, window.OlderTake);
        Assert.Equal("The newest 10,000 of 50,000 are listed: narrow the filters, or export them all.", window.EndText);
    }

    [Fact]
    public void BackToTheTop_ReadAgain_OlderRowsGoAndTheRowsAreOnePageAgain()
    {
        var window = ScrolledThroughSix();
        window.AppendOlder([Row(8, 8), Row(7, 7)], window.OlderCursor!.Value, 20, All);

        Assert.Equal(HoldChange.Ended, window.Scrolled(away: false));
        var update = window.Reset(Page(21, 6, Row(10, 10), Row(9, 9)), All, Query);

        Assert.Equal(LiveUpdate.Changed, update);
        Assert.Equal([10L, 9L], Ids(window));
        Assert.True(window.HasOlder);
        Assert.Null(new LiveWindow().EndText);
    }

    [Fact]
    public void Constructor_CapacityBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LiveWindow(0));
    }
}
