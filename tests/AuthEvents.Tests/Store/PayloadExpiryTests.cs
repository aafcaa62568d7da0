using AuthEvents.Core.Events;
using AuthEvents.Core.Privacy;
using AuthEvents.Store;
using AuthEvents.Store.Entities;
using AuthEvents.Store.Retention;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Tests.Store;

/// <summary>Storage:KeepPayloadsFor: payloads of stored records go after the window; quarantined ones stay replayable.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class PayloadExpiryTests : IDisposable
{
    private static readonly byte[] Key = Enumerable.Range(3, 32).Select(i => (byte)i).ToArray();
    private readonly TestDatabase _database = new();
    private readonly TestClock _time = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
    private readonly StoreWriteGate _gate = new();

    [Fact]
    public async Task Expire_AfterTheWindow_EmptiesStoredPayloadsAndKeepsQuarantinedOnesReplayable()
    {
        await _database.MigrateAsync();
        var protector = new PayloadProtector(Key);
        var inbox = new InboxStore(_database.Contexts, _gate, _time);
        await inbox.AddAsync(
            [Pending(protector, "stored", """{"id":"stored"}"""), Pending(protector, "rejected", """{"id":"rejected"}"""), Pending(protector, "waiting", """{"id":"waiting"}""")],
            null, null, WritePriority.Bulk, CancellationToken.None);
        var rows = (await inbox.GetPendingAsync(10, CancellationToken.None)).ToDictionary(r => r.ProviderEventId);
        await new EventStore(_database.Contexts, _gate, _time).CommitAsync(
            [
                new NormalizedInboxRecord(rows["stored"].Id, EventSource.FusionAuth, "stored", false, Event("stored"), null),
                new NormalizedInboxRecord(rows["rejected"].Id, EventSource.FusionAuth, "rejected", false, null, "missing field"),
            ],
            CancellationToken.None);
        var expiry = new PayloadExpiry(_database.Contexts, _gate);

        var early = await expiry.ExpireAsync(_time.GetUtcNow() - TimeSpan.FromDays(7), CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(8));
        var late = await expiry.ExpireAsync(_time.GetUtcNow() - TimeSpan.FromDays(7), CancellationToken.None);
        var again = await expiry.ExpireAsync(_time.GetUtcNow() - TimeSpan.FromDays(7), CancellationToken.None);

        Assert.Equal((0, 1, 0), (early, late, again));
        await using (var db = await _database.Contexts.CreateDbContextAsync())
        {
            var payloads = await db.Inbox.AsNoTracking().ToDictionaryAsync(i => i.ProviderEventId, i => i.Payload);
            Assert.Empty(payloads["stored"]);
            Assert.Equal("""{"id":"rejected"}""", protector.Unprotect(payloads["rejected"]));
            Assert.Equal("""{"id":"waiting"}""", protector.Unprotect(payloads["waiting"]));
        }

        Assert.Equal(1, await inbox.RequeueQuarantinedAsync(null, CancellationToken.None));
        var replay = (await inbox.GetPendingAsync(10, CancellationToken.None)).Single(r => r.ProviderEventId == "rejected");
        Assert.Equal("""{"id":"rejected"}""", protector.Unprotect(replay.Payload));
    }

    private PendingInboxRecord Pending(PayloadProtector protector, string id, string json) =>
        new(EventSource.FusionAuth, "", id, protector.Protect(json), _time.GetUtcNow(), false);

    private AuthEvent Event(string id) => new()
    {
        Source = EventSource.FusionAuth,
        ProviderEventId = id,
        EventType = "user.login.success",
        Milestone = Milestones.LoginPassword,
        Outcome = Outcome.Success,
        OccurredAt = _time.GetUtcNow(),
        ReceivedAt = _time.GetUtcNow(),
    };

    public void Dispose()
    {
        _gate.Dispose();
        _database.Dispose();
    }
}
