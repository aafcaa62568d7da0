using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;
using static AuthEvents.Tests.Analytics.ScriptedStore;

namespace AuthEvents.Tests.Analytics;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class LiveQueriesTests
{
    [Fact]
    public async Task LiveRate_TenSecondWindow_PerSecondBucketsByOutcome()
    {
        using var store = await CreateAsync();
        await store.StoreAsync(
            Event("too-old", Noon.AddSeconds(-11)),
            Event("a", Noon.AddMilliseconds(-9_500)),
            Event("b", Noon.AddMilliseconds(-9_200), outcome: Outcome.Failure),
            Event("c", Noon.AddSeconds(-3)),
            Event("d", Noon.AddMilliseconds(-500), EventSource.LoginGov, outcome: Outcome.RateLimited),
            Event("now", Noon));

        var all = await new LiveQueries(store.Database.Contexts).LiveRateAsync(Noon, TimeSpan.FromSeconds(10), EventQuery.All, CancellationToken.None);
        var loginGov = await new LiveQueries(store.Database.Contexts).LiveRateAsync(Noon, TimeSpan.FromSeconds(10), new EventQuery { Sources = [EventSource.LoginGov] }, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => Noon.AddSeconds(i - 10)), all.Buckets);
        Assert.Equal([1L, 0, 0, 0, 0, 0, 0, 1, 0, 0], all.Lines[0].Counts);
        Assert.Equal([1L, 0, 0, 0, 0, 0, 0, 0, 0, 0], all.Lines[1].Counts);
        Assert.Equal([0L, 0, 0, 0, 0, 0, 0, 0, 0, 1], all.Lines[2].Counts);
        Assert.Equal([0L, 0, 0, 0, 0, 0, 0, 0, 0, 1], loginGov.Lines[2].Counts);
        Assert.Equal(0, loginGov.Lines[0].Total);
    }

    [Fact]
    public async Task Rate_RollupAndEventsTablePaths_SameSeries()
    {
        using var store = await CreateAsync();
        await store.StoreAsync(Enumerable.Range(0, 200)
            .Select(i => Event($"e{i}", Noon.AddHours(-5).AddSeconds(i * 97), (EventSource)(1 + (i % 4)), outcome: (Outcome)(1 + (i % 3))))
            .ToArray());
        var queries = new LiveQueries(store.Database.Contexts);
        var fromRollups = new EventQuery { From = Noon.AddHours(-5).AddSeconds(42), To = Noon.AddMinutes(-3).AddSeconds(-9), Sources = [EventSource.LoginGov, EventSource.FusionAuth] };
        // Free text keeps the same events (every type is "t") but can only be answered from the events table.
        var fromEvents = fromRollups with { Text = "t" };

        var a = await queries.RateAsync(fromRollups, TimeSpan.FromMinutes(15), CancellationToken.None);
        var b = await queries.RateAsync(fromEvents, TimeSpan.FromMinutes(15), CancellationToken.None);

        Assert.Equal(a.Buckets, b.Buckets);
        Assert.Equal(a.Lines.Select(l => l.Counts.ToArray()), b.Lines.Select(l => l.Counts.ToArray()));
        Assert.Equal(91, a.Lines.Sum(l => l.Total));
    }

    [Fact]
    public async Task Rate_WithoutRange_Refused()
    {
        using var store = await CreateAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => new LiveQueries(store.Database.Contexts).RateAsync(EventQuery.All, TimeSpan.FromMinutes(1), CancellationToken.None));
    }
}
