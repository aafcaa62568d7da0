using AuthEvents.Core.Events;
using AuthEvents.Store;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Live;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class LiveQueriesTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestClock _time = new();
    private readonly StoreWriteGate _gate = new();
    private DateTimeOffset Now => _time.GetUtcNow();

    [Fact]
    public async Task GetAsync_StoredEvent_FieldsReasonsAndAttributes()
    {
        await StoreAsync(Event("x", Now) with
        {
            Outcome = Outcome.Failure,
            City = "Berlin",
            Attributes = new Dictionary<string, string> { ["client_app"] = "1Password for Mac" },
            FailureReasons = [new FailureReason("category", "credentials_failed", "invalid-credentials"), new FailureReason("type", "mfa", "mfa-invalid")],
        });
        var id = await Queries.MaxIdAsync(CancellationToken.None);

        var detail = await Queries.GetAsync(id, CancellationToken.None);

        Assert.NotNull(detail);
        Assert.Equal(("x", "Berlin", Outcome.Failure), (detail.ProviderEventId, detail.City, detail.Outcome));
        Assert.Equal([new EventReason("category", "credentials_failed", "invalid-credentials"), new EventReason("type", "mfa", "mfa-invalid")], detail.Reasons);
        Assert.Contains("\"client_app\":\"1Password for Mac\"", detail.AttributesJson, StringComparison.Ordinal);
        Assert.Null(await Queries.GetAsync(id + 1, CancellationToken.None));
    }

    [Fact]
    public async Task AfterAsync_Bookmark_LaterRowsInStorageOrderUpToTheLimit()
    {
        await StoreAsync(Event("a", Now), Event("b", Now.AddHours(-1)), Event("c", Now));
        var first = await Queries.AfterAsync(0, 2, CancellationToken.None);
        var rest = await Queries.AfterAsync(first[^1].Id, 10, CancellationToken.None);

        Assert.Equal(["a", "b"], first.Select(e => e.ProviderEventId));
        Assert.Equal(["c"], rest.Select(e => e.ProviderEventId));
    }

    private LiveQueries Queries => new(_database.Contexts);

    private async Task StoreAsync(params AuthEvent[] events)
    {
        await _database.MigrateAsync();
        var store = new EventStore(_database.Contexts, _gate, _time);
        var offset = (int)await Queries.MaxIdAsync(CancellationToken.None);
        await store.CommitAsync(events.Select((e, i) => new NormalizedInboxRecord(offset + i + 1, e.Source, e.ProviderEventId, false, e, null)).ToList(), CancellationToken.None);
    }

    private AuthEvent Event(string id, DateTimeOffset at) => new()
    {
        Source = EventSource.OnePassword,
        ProviderEventId = id,
        EventType = "success",
        Milestone = Milestones.LoginComplete,
        Outcome = Outcome.Success,
        OccurredAt = at,
        ReceivedAt = Now,
    };

    public void Dispose()
    {
        _gate.Dispose();
        _database.Dispose();
    }
}
