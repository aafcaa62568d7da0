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
        window.Reset(Page(10, 2, Row(2, 2), Row(1, 1)), All);
        return window;
    }

    [Fact]
    public void Reset_FirstPage_ShowsItsRowsTotalSnapshotAndFilter()
    {
        var window = new LiveWindow();

        var update = window.Reset(Page(10, 2, Row(2, 2), Row(1, 1)), Failures);

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

        var update = window.Reset(Page(11, 2, Row(2, 2), Row(1, 1)), All);

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
        Assert.Equal("5 events match · the newest 3 listed (export has them all)", window.CountText);
    }

    [Fact]
    public void CountText_AllListed_SaysHowManyMatch()
    {
        var window = new LiveWindow();
        window.Reset(Page(3000, 1234, Row(2, 2), Row(1, 1)), All);
        Assert.Equal("1,234 events match · the newest 2 listed (export has them all)", window.CountText);

        window.Reset(Page(3000, 2, Row(2, 2), Row(1, 1)), All);
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
        window.Reset(Page(12, 1, Row(11, 5, Outcome.Failure)), Failures);

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
        window.Reset(Page(20, 4, Row(4, 4), Row(3, 3), Row(2, 2), Row(1, 1)), All);

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
        var reset = window.Reset(Page(13, 5, Row(13, 13), Row(12, 12), Row(11, 11), Row(2, 2), Row(1, 1)), All);
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
        Assert.Equal(LiveUpdate.Changed, window.Reset(Page(12, 3, Row(11, 11), Row(2, 2), Row(1, 1)), All));
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

        var update = window.Reset(Page(12, 1, Row(11, 11, Outcome.Failure)), Failures, evenWhileHeld: true);

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
        window.Reset(Page(12, 1, Row(11, 11, Outcome.Failure)), Failures, evenWhileHeld: true);

        // Counted after the old rows' snapshot, and landed after the new rows did.
        var counted = window.CountWhileHeld(40, snapshotId: 10);

        Assert.False(counted);
        Assert.Equal("Paused · 0 new since", window.StatusText);
    }

    [Fact]
    public void Constructor_CapacityBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LiveWindow(0));
    }
}
