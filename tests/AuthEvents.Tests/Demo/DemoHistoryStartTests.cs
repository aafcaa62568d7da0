using AuthEvents.Core.Events;
using AuthEvents.Demo.Hosting;
using AuthEvents.Store;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Journeys;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Demo;

/// <summary>A restarted demo fills the gap since its traffic stopped instead of adding another span of history.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class DemoHistoryStartTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);

    [Fact]
    public void HistoryStart_FreshStore_TheWholeBackfillSpan() => Assert.Equal(Now - TwoHours, DemoTrafficService.HistoryStart(Now, TwoHours, null));

    [Fact]
    public void HistoryStart_DemoStoppedTenMinutesAgo_OnlyTheGap() =>
        Assert.Equal(Now.AddMinutes(-10), DemoTrafficService.HistoryStart(Now, TwoHours, Now.AddMinutes(-10)));

    [Fact]
    public void HistoryStart_DemoStoppedLongAgo_TheBackfillSpanLeavesAHole() =>
        Assert.Equal(Now - TwoHours, DemoTrafficService.HistoryStart(Now, TwoHours, Now.AddDays(-3)));

    [Fact]
    public void HistoryStart_StoredEventFromTheFuture_NoHistory() =>
        Assert.Equal(Now, DemoTrafficService.HistoryStart(Now, TwoHours, Now.AddMinutes(5)));

    [Fact]
    public async Task NewestDemoEventAt_DemoAndRealEvents_TheNewestDemoOne()
    {
        using var database = await new TestDatabase().MigrateAsync();
        using var gate = new StoreWriteGate();
        var store = new EventStore(database.Contexts, gate, new TestClock());
        var journey = new StoredJourney(Now);
        var queries = new EventQueries(database.Contexts);
        var empty = await queries.NewestDemoEventAtAsync(CancellationToken.None);
        AuthEvent At(string id, double minutes) => journey.Event(id, TimeSpan.FromMinutes(minutes), EventSource.FusionAuth, "user.login.success", person: "email:x");

        await store.CommitAsync(
        [
            new NormalizedInboxRecord(1, EventSource.FusionAuth, "d-1", true, At("d-1", -30), null),
            new NormalizedInboxRecord(2, EventSource.FusionAuth, "d-2", true, At("d-2", -12), null),
            new NormalizedInboxRecord(3, EventSource.FusionAuth, "real", false, At("real", -1), null),
        ], CancellationToken.None);

        Assert.Null(empty);
        Assert.Equal(Now.AddMinutes(-12), await queries.NewestDemoEventAtAsync(CancellationToken.None));
    }
}
