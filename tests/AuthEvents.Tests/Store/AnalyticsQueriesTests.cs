using AuthEvents.Core.Events;
using AuthEvents.Store;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Store;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class AnalyticsQueriesTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestClock _time = new();
    private readonly StoreWriteGate _gate = new();

    [Fact]
    public async Task PeopleAndSessions_MixedEvents_GroupedCountedAndOrdered()
    {
        await _database.MigrateAsync();
        var now = _time.GetUtcNow();
        await StoreAsync(
            Event("1", "p-a", "s-1", Outcome.Failure, now.AddMinutes(-50)),
            Event("2", "p-a", "s-1", Outcome.Failure, now.AddMinutes(-40)),
            Event("3", "p-a", "s-2", Outcome.Success, now.AddMinutes(-30)),
            Event("4", "p-b", "s-3", Outcome.RateLimited, now.AddMinutes(-5)),
            Event("5", null, null, Outcome.Info, now.AddMinutes(-1)),
            Event("6", "p-c", "s-4", Outcome.Success, now.AddHours(-30)));
        var queries = new AnalyticsQueries(_database.Contexts);

        var people = await queries.PeopleAsync(now.AddHours(-24), now, 10, CancellationToken.None);
        var sessions = await queries.SessionsAsync(now.AddHours(-24), now, 10, CancellationToken.None);

        Assert.Equal([("p-a", 3, 2), ("p-b", 1, 1)], people.Select(p => (p.Key, p.Events, p.Failures)));
        Assert.Equal(["s-3", "s-2", "s-1"], sessions.Select(s => s.Key));
        Assert.Equal(now.AddMinutes(-30), people[0].LastSeen);
    }

    private async Task StoreAsync(params AuthEvent[] events)
    {
        var store = new EventStore(_database.Contexts, _gate, _time);
        await store.CommitAsync(events.Select((e, i) => new NormalizedInboxRecord(i + 1, e.Source, e.ProviderEventId, false, e, null)).ToList(), CancellationToken.None);
    }

    private AuthEvent Event(string id, string? person, string? session, Outcome outcome, DateTimeOffset at) => new()
    {
        Source = EventSource.OnePassword,
        ProviderEventId = id,
        EventType = "t",
        Milestone = Milestones.LoginPassword,
        Outcome = outcome,
        PersonKey = person,
        SessionKey = session,
        OccurredAt = at,
        ReceivedAt = _time.GetUtcNow(),
    };

    public void Dispose()
    {
        _gate.Dispose();
        _database.Dispose();
    }
}
