using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;
using static AuthEvents.Tests.Analytics.ScriptedStore;

namespace AuthEvents.Tests.Analytics;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class EventPageTests
{
    [Fact]
    public async Task Page_SkipAndTake_NewestFirstWithTotal()
    {
        using var store = await CreateAsync();
        await store.StoreAsync(Enumerable.Range(0, 10).Select(i => Event($"e{i}", Noon.AddSeconds(i * 30))).ToArray());
        var queries = new EventQueries(store.Database.Contexts);

        var page = await queries.PageAsync(EventQuery.All, new EventPageRequest { Skip = 2, Take = 3 }, CancellationToken.None);

        Assert.Equal([8L, 7L, 6L], page.Items.Select(i => i.Id));
        Assert.Equal(10, page.TotalCount);
        Assert.Equal(10, page.SnapshotId);
    }

    [Fact]
    public async Task Page_WithSnapshot_NewArrivalsNeitherShiftRowsNorChangeTotal()
    {
        using var store = await CreateAsync();
        await store.StoreAsync(Enumerable.Range(0, 5).Select(i => Event($"e{i}", Noon.AddMinutes(i))).ToArray());
        var queries = new EventQueries(store.Database.Contexts);
        var first = await queries.PageAsync(EventQuery.All, new EventPageRequest { Take = 2 }, CancellationToken.None);

        await store.StoreAsync(Event("late-but-old", Noon.AddMinutes(-10)), Event("new", Noon.AddMinutes(10)));
        var second = await queries.PageAsync(EventQuery.All, new EventPageRequest { Skip = 2, Take = 2, SnapshotId = first.SnapshotId }, CancellationToken.None);
        var newer = await queries.CountNewerAsync(EventQuery.All, first.SnapshotId, CancellationToken.None);
        var fresh = await queries.PageAsync(EventQuery.All, new EventPageRequest { Take = 1 }, CancellationToken.None);

        Assert.Equal([3L, 2L], second.Items.Select(i => i.Id));
        Assert.Equal(5, second.TotalCount);
        Assert.Equal(2, newer);
        Assert.Equal(7, fresh.TotalCount);
        Assert.Equal(7L, Assert.Single(fresh.Items).Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("t")]
    public async Task NewerAndTotal_FilteredAfterArrivals_OnlyMatchingNewEventsCounted(string? text)
    {
        using var store = await CreateAsync();
        await store.StoreAsync(Event("a", Noon), Event("b", Noon, EventSource.Entrust), Event("c", Noon.AddMinutes(1)));
        var queries = new EventQueries(store.Database.Contexts);
        // With free text the counts come from the events table, without it from the rollups: both must agree.
        var query = new EventQuery { From = Noon.AddMinutes(-30), To = Noon.AddMinutes(30), Sources = [EventSource.OnePassword], Text = text };
        var first = await queries.PageAsync(query, new EventPageRequest { Take = 10 }, CancellationToken.None);

        await store.StoreAsync(
            Event("d", Noon.AddMinutes(2)),
            Event("e", Noon.AddMinutes(3), EventSource.Entrust),
            Event("f", Noon.AddMinutes(-45)),
            Event("g", Noon.AddMinutes(-5)));
        var newer = await queries.CountNewerAsync(query, first.SnapshotId, CancellationToken.None);
        var again = await queries.PageAsync(query, new EventPageRequest { Take = 10, SnapshotId = first.SnapshotId }, CancellationToken.None);

        Assert.Equal(2, first.TotalCount);
        Assert.Equal(2, newer);
        Assert.Equal(2, again.TotalCount);
        Assert.Equal([3L, 1L], again.Items.Select(i => i.Id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("t")]
    public async Task Newer_FilteredArrivals_MergedIntoThePageEqualTheFullReload(string? text)
    {
        using var store = await CreateAsync();
        await store.StoreAsync(Event("a", Noon), Event("b", Noon, EventSource.Entrust), Event("c", Noon.AddMinutes(1)));
        var queries = new EventQueries(store.Database.Contexts);
        var query = new EventQuery { Sources = [EventSource.OnePassword], Text = text };
        var shown = await queries.PageAsync(query, new EventPageRequest { Take = 3 }, CancellationToken.None);

        // Arrivals out of time order, one of another source, one older than everything shown.
        await store.StoreAsync(
            Event("d", Noon.AddMinutes(2)),
            Event("e", Noon.AddMinutes(3), EventSource.Entrust),
            Event("f", Noon.AddMinutes(-45)),
            Event("g", Noon.AddSeconds(30)));
        var newer = await queries.NewerAsync(query, shown.SnapshotId, CancellationToken.None);
        var reload = await queries.PageAsync(query, new EventPageRequest { Take = 3 }, CancellationToken.None);

        Assert.NotNull(newer);
        Assert.Equal([4L, 7L, 6L], newer.Items.Select(i => i.Id));
        Assert.Equal(3, newer.TotalCount);
        Assert.Equal(7, newer.SnapshotId);
        var merged = newer.Items.Concat(shown.Items).OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id).Take(3);
        Assert.Equal(reload.Items.Select(i => i.Id), merged.Select(i => i.Id));
        Assert.Equal(reload.TotalCount, shown.TotalCount + newer.TotalCount);
    }

    [Fact]
    public async Task Newer_NothingStoredSince_EmptyAtTheSameSnapshot()
    {
        using var store = await CreateAsync();
        await store.StoreAsync(Event("a", Noon));
        var queries = new EventQueries(store.Database.Contexts);

        var newer = await queries.NewerAsync(EventQuery.All, 1, CancellationToken.None);

        Assert.NotNull(newer);
        Assert.Empty(newer.Items);
        Assert.Equal(1, newer.SnapshotId);
    }

    [Fact]
    public async Task Page_AfterCursor_SeeksPastTiesInOccurredTime()
    {
        using var store = await CreateAsync();
        await store.StoreAsync(Event("a", Noon), Event("b", Noon), Event("c", Noon), Event("d", Noon.AddMinutes(-1)));
        var queries = new EventQueries(store.Database.Contexts);
        var first = await queries.PageAsync(EventQuery.All, new EventPageRequest { Take = 2 }, CancellationToken.None);

        var next = await queries.PageAsync(EventQuery.All, new EventPageRequest { Take = 2, After = first.Next, SnapshotId = first.SnapshotId }, CancellationToken.None);

        Assert.Equal([3L, 2L], first.Items.Select(i => i.Id));
        Assert.Equal([1L, 4L], next.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Older_AfterTheLastRowListed_TheNextRowsAtTheSnapshotWithTheQuerysBounds()
    {
        using var store = await CreateAsync();
        // Ids 1..6: one a minute from noon, and two in the same minute (5 and 6 at noon + 3).
        await store.StoreAsync(
            Event("a", Noon), Event("b", Noon.AddMinutes(1)), Event("c", Noon.AddMinutes(2)), Event("d", Noon.AddMinutes(3)),
            Event("e", Noon.AddMinutes(3)), Event("f", Noon.AddMinutes(4)));
        var queries = new EventQueries(store.Database.Contexts);
        var sinceOne = EventQuery.All with { From = Noon.AddMinutes(1) };
        var first = await queries.PageAsync(sinceOne, new EventPageRequest { Take = 2 }, CancellationToken.None);
        // Stored after the first page: an event older than its last row, which the snapshot keeps out.
        await store.StoreAsync(Event("late", Noon.AddMinutes(2)));

        var older = await queries.OlderAsync(sinceOne, first.SnapshotId, first.Next!.Value, 10, CancellationToken.None);
        var next = await queries.OlderAsync(sinceOne, first.SnapshotId, first.Next!.Value, 1, CancellationToken.None);

        Assert.Equal([6L, 5L], first.Items.Select(i => i.Id));
        Assert.Equal([4L, 3L, 2L], older.Select(i => i.Id));
        Assert.Equal([4L], next.Select(i => i.Id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Total_RollupAndEventCounts_AgreeForUnalignedRanges(bool addNonRollupFilter)
    {
        using var store = await CreateAsync();
        var events = Enumerable.Range(0, 400).Select(i => Event(
            $"e{i}",
            Noon.AddDays(-2).AddSeconds(i * 617),
            (EventSource)(1 + (i % 4)),
            i % 3 == 0 ? "x" : "y",
            outcome: i % 5 == 0 ? Outcome.Failure : Outcome.Success,
            country: i % 7 == 0 ? null : "US",
            reasons: i % 5 == 0 ? [new FailureReason("f", "c", CanonicalReasons.Other)] : [])).ToArray();
        await store.StoreAsync(events);
        var queries = new EventQueries(store.Database.Contexts);
        var query = new EventQuery
        {
            From = Noon.AddDays(-2).AddSeconds(1234),
            To = Noon.AddDays(-1).AddSeconds(7),
            Sources = [EventSource.LoginGov, EventSource.Entrust],
            EventTypes = ["y"],
            Countries = ["US"],
            Reasons = addNonRollupFilter ? [CanonicalReasons.Other] : [],
        };

        var page = await queries.PageAsync(query, new EventPageRequest { Take = 1000 }, CancellationToken.None);

        var expected = events.Count(e => e.OccurredAt >= query.From && e.OccurredAt < query.To
            && e.Source is EventSource.LoginGov or EventSource.Entrust && e.EventType == "y" && e.Country == "US"
            && (!addNonRollupFilter || e.FailureReasons.Count > 0));
        Assert.True(expected >= 8);
        Assert.Equal(expected, page.TotalCount);
        Assert.Equal(expected, page.Items.Count);
    }
}
