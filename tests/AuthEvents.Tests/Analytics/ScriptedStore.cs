using AuthEvents.Core.Events;
using AuthEvents.Store;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Analytics;

/// <summary>A migrated test database written through the product's <see cref="EventStore"/>, with a terse event builder.</summary>
public sealed class ScriptedStore : IDisposable
{
    /// <summary>A Sunday noon, so that hour and day buckets in the tests are easy to reason about.</summary>
    public static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private readonly StoreWriteGate _gate = new();
    private long _inboxId;

    private ScriptedStore()
    {
    }

    public TestDatabase Database { get; } = new();

    public TestClock Time { get; } = new(Noon);

    public static async Task<ScriptedStore> CreateAsync()
    {
        var store = new ScriptedStore();
        await store.Database.MigrateAsync();
        return store;
    }

    public Task<CommitResult> StoreAsync(params AuthEvent[] events) =>
        new EventStore(Database.Contexts, _gate, Time).CommitAsync(
            events.Select(e => new NormalizedInboxRecord(++_inboxId, e.Source, e.ProviderEventId, false, e, null)).ToList(),
            CancellationToken.None);

    public static AuthEvent Event(
        string id,
        DateTimeOffset at,
        EventSource source = EventSource.OnePassword,
        string type = "t",
        string milestone = Milestones.LoginPassword,
        Outcome outcome = Outcome.Success,
        string? person = null,
        string? country = null,
        string? authenticator = null,
        params FailureReason[] reasons) => new()
    {
        Source = source,
        ProviderEventId = id,
        EventType = type,
        Milestone = milestone,
        Outcome = outcome,
        PersonKey = person,
        Country = country,
        Authenticator = authenticator,
        FailureReasons = reasons,
        OccurredAt = at,
        ReceivedAt = at,
    };

    public void Dispose()
    {
        _gate.Dispose();
        Database.Dispose();
    }
}
