using AuthEvents.Core.Events;
using AuthEvents.Store;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Live;

public sealed class LiveQueriesTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestTimeProvider _time = new();
    private readonly StoreWriteGate _gate = new();
    private DateTimeOffset Now => _time.GetUtcNow();

    [Fact]
    public async Task PageAsync_Window_NewestFirstWithTheSelectionTotal()
    {
        await StoreAsync(Enumerable.Range(1, 7).Select(i => Event($"e{i}", Now.AddSeconds(-i))).ToArray());

        var (rows, total) = await Queries.PageAsync(EventQuery.All, 2, 3, CancellationToken.None);

        Assert.Equal(7, total);
        Assert.Equal(["e3", "e4", "e5"], await ProviderIdsAsync(rows));
    }

    [Fact]
    public async Task PageAsync_Filters_TypeReasonCountryAndText()
    {
        await StoreAsync(
            Event("a", Now.AddSeconds(-1)) with { EventType = "credentials_failed", Country = "DE", FailureReasons = [new FailureReason("category", "credentials_failed", "invalid-credentials")] },
            Event("b", Now.AddSeconds(-2)) with { EventType = "mfa_failed", Country = "DE", FailureReasons = [new FailureReason("category", "mfa_failed", "mfa-invalid")] },
            Event("c", Now.AddSeconds(-3)) with { EventType = "credentials_failed", Country = "US", UserAgent = "curl/8.1 50%_off" });

        async Task<IReadOnlyList<string>> Select(EventQuery q) => await ProviderIdsAsync((await Queries.PageAsync(q, 0, 10, CancellationToken.None)).Rows);

        Assert.Equal(["a", "c"], await Select(new EventQuery { EventTypes = ["credentials_failed"] }));
        Assert.Equal(["b"], await Select(new EventQuery { ReasonCodes = ["mfa-invalid"] }));
        Assert.Equal(["a", "b"], await Select(new EventQuery { Country = "DE" }));
        Assert.Equal(["c"], await Select(new EventQuery { Text = "curl/8" }));
        // LIKE wildcards in the search text are literal characters, not patterns.
        Assert.Equal(["c"], await Select(new EventQuery { Text = "50%_off" }));
        Assert.Empty(await Select(new EventQuery { Text = "5%f" }));
    }

    [Fact]
    public async Task CountAfterAsync_Bookmark_CountsOnlyLaterMatchingRows()
    {
        await StoreAsync(Event("old", Now.AddMinutes(-5)));
        var bookmark = await Queries.MaxIdAsync(CancellationToken.None);
        await StoreAsync(
            Event("new-1", Now) with { Outcome = Outcome.Failure },
            Event("new-2", Now.AddMinutes(-30)) with { Outcome = Outcome.Failure },
            Event("new-3", Now) with { Outcome = Outcome.Success });

        Assert.Equal(3, await Queries.CountAfterAsync(EventQuery.All, bookmark, CancellationToken.None));
        Assert.Equal(2, await Queries.CountAfterAsync(new EventQuery { Outcomes = [Outcome.Failure] }, bookmark, CancellationToken.None));
    }

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
    public async Task RateAsync_Range_CountsPerBucketAndOutcomeAlignedToFrom()
    {
        var from = Now.AddMinutes(-3);
        await StoreAsync(
            Event("1", from.AddSeconds(5)),
            Event("2", from.AddSeconds(59)) with { Outcome = Outcome.Failure },
            Event("3", from.AddSeconds(61)),
            Event("4", from.AddSeconds(62)),
            Event("5", from.AddSeconds(-1)),
            Event("6", from.AddMinutes(3)));

        var buckets = await Queries.RateAsync(EventQuery.All, from, from.AddMinutes(3), TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(
            [new RateBucket(from, Outcome.Success, 1), new RateBucket(from, Outcome.Failure, 1), new RateBucket(from.AddMinutes(1), Outcome.Success, 2)],
            buckets);
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

    private async Task<IReadOnlyList<string>> ProviderIdsAsync(IReadOnlyList<EventListItem> rows)
    {
        var ids = new List<string>();
        foreach (var row in rows)
        {
            ids.Add((await Queries.GetAsync(row.Id, CancellationToken.None))!.ProviderEventId);
        }

        return ids;
    }

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
