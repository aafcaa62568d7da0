using System.Text;
using AuthEvents.Core.Events;
using AuthEvents.Core.Privacy;
using AuthEvents.Store;
using AuthEvents.Store.Entities;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Tests.Store;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class StoreIdempotencyTests : IDisposable
{
    private static readonly byte[] Key = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();
    private readonly TestDatabase _database = new();
    private readonly TestClock _time = new();
    private readonly StoreWriteGate _gate = new();

    [Fact]
    public async Task InboxAdd_SameBatchTwice_StoresEachRecordOnce()
    {
        await _database.MigrateAsync();
        var inbox = new InboxStore(_database.Contexts, _gate, _time);
        var batch = Enumerable.Range(1, 25).Select(i => Pending(EventSource.OnePassword, $"ID{i:D3}")).ToList();

        var first = await inbox.AddAsync(batch, null, null, WritePriority.Bulk, CancellationToken.None);
        var second = await inbox.AddAsync(batch, null, null, WritePriority.Bulk, CancellationToken.None);

        Assert.Equal(new InboxWriteResult(25, 0), first);
        Assert.Equal(new InboxWriteResult(0, 25), second);
        await using var db = await _database.Contexts.CreateDbContextAsync();
        Assert.Equal(25, await db.Inbox.CountAsync());
    }

    [Fact]
    public async Task InboxAdd_SameIdDifferentTenantOrSource_AreDistinct()
    {
        await _database.MigrateAsync();
        var inbox = new InboxStore(_database.Contexts, _gate, _time);
        var batch = new List<PendingInboxRecord>
        {
            Pending(EventSource.LoginGov, "jti-1", "aud-a"),
            Pending(EventSource.LoginGov, "jti-1", "aud-b"),
            Pending(EventSource.Entrust, "jti-1", "aud-a"),
            Pending(EventSource.LoginGov, "jti-1", "aud-a"),
        };

        var result = await inbox.AddAsync(batch, null, null, WritePriority.Bulk, CancellationToken.None);

        Assert.Equal(new InboxWriteResult(3, 1), result);
    }

    [Fact]
    public async Task InboxAdd_WithSourceState_WritesCursorInTheSameCommit()
    {
        await _database.MigrateAsync();
        var inbox = new InboxStore(_database.Contexts, _gate, _time);

        await inbox.AddAsync([Pending(EventSource.OnePassword, "A"), Pending(EventSource.OnePassword, "B")], EventSource.OnePassword,
            s => s.Cursor = "cursor-2", WritePriority.Bulk, CancellationToken.None);

        await using var db = await _database.Contexts.CreateDbContextAsync();
        var state = await db.SourceStates.SingleAsync();
        Assert.Equal("cursor-2", state.Cursor);
        Assert.Equal(2, state.EventsReceived);
    }

    [Fact]
    public async Task Commit_SameBatchTwice_SameRows()
    {
        await _database.MigrateAsync();
        var store = new EventStore(_database.Contexts, _gate, _time);
        var batch = Enumerable.Range(1, 10).Select(i => new NormalizedInboxRecord(i, EventSource.FusionAuth, $"e{i}", false, Event($"e{i}"), null)).ToList();

        var first = await store.CommitAsync(batch, CancellationToken.None);
        var second = await store.CommitAsync(batch, CancellationToken.None);

        Assert.Equal(10, first.NewEvents.Count);
        Assert.Empty(second.NewEvents);
        Assert.Equal(10, second.Duplicates);
        await using var db = await _database.Contexts.CreateDbContextAsync();
        Assert.Equal(10, await db.Events.CountAsync());
        Assert.Equal(10, await db.FailureReasons.CountAsync());
    }

    [Fact]
    public async Task Commit_Rejection_QuarantinesWithReasonAndMarksInbox()
    {
        await _database.MigrateAsync();
        var inbox = new InboxStore(_database.Contexts, _gate, _time);
        await inbox.AddAsync([Pending(EventSource.Entrust, "bad-1")], null, null, WritePriority.Bulk, CancellationToken.None);
        var row = (await inbox.GetPendingAsync(10, CancellationToken.None)).Single();
        var store = new EventStore(_database.Contexts, _gate, _time);

        var result = await store.CommitAsync([new NormalizedInboxRecord(row.Id, row.Source, row.ProviderEventId, false, null, "missing required field 'id'")], CancellationToken.None);

        Assert.Equal(1, result.Quarantined);
        Assert.Empty(await inbox.GetPendingAsync(10, CancellationToken.None));
        await using var db = await _database.Contexts.CreateDbContextAsync();
        var quarantined = await db.Quarantine.SingleAsync();
        Assert.Equal("missing required field 'id'", quarantined.Reason);
        Assert.Equal(InboxState.Quarantined, (await db.Inbox.SingleAsync()).State);
    }

    [Fact]
    public async Task Commit_ReplayAfterFix_ResolvesQuarantineAndStoresEvent()
    {
        await _database.MigrateAsync();
        var store = new EventStore(_database.Contexts, _gate, _time);
        await store.CommitAsync([new NormalizedInboxRecord(1, EventSource.FusionAuth, "e1", false, null, "bad")], CancellationToken.None);

        await store.CommitAsync([new NormalizedInboxRecord(1, EventSource.FusionAuth, "e1", false, Event("e1"), null)], CancellationToken.None);

        await using var db = await _database.Contexts.CreateDbContextAsync();
        Assert.NotNull((await db.Quarantine.SingleAsync()).ResolvedAtTicks);
        Assert.Equal(1, await db.Events.CountAsync());
    }

    [Fact]
    public async Task GetPending_Backlog_TakesNewestAndOldestHalves()
    {
        await _database.MigrateAsync();
        var inbox = new InboxStore(_database.Contexts, _gate, _time);
        await inbox.AddAsync(Enumerable.Range(1, 100).Select(i => Pending(EventSource.Entrust, $"e{i:D3}")).ToList(), null, null, WritePriority.Bulk, CancellationToken.None);

        var batch = await inbox.GetPendingAsync(10, CancellationToken.None);

        Assert.Equal(["e001", "e002", "e003", "e004", "e005", "e096", "e097", "e098", "e099", "e100"], batch.Select(b => b.ProviderEventId));
    }

    [Fact]
    public async Task GetPending_FewerThanLimit_EachRecordOnce()
    {
        await _database.MigrateAsync();
        var inbox = new InboxStore(_database.Contexts, _gate, _time);
        await inbox.AddAsync(Enumerable.Range(1, 3).Select(i => Pending(EventSource.Entrust, $"e{i}")).ToList(), null, null, WritePriority.Bulk, CancellationToken.None);

        var batch = await inbox.GetPendingAsync(10, CancellationToken.None);

        Assert.Equal(["e1", "e2", "e3"], batch.Select(b => b.ProviderEventId));
    }

    [Fact]
    public async Task RequeueQuarantined_AfterFix_StoresOnceAndResolves()
    {
        await _database.MigrateAsync();
        var inbox = new InboxStore(_database.Contexts, _gate, _time);
        var store = new EventStore(_database.Contexts, _gate, _time);
        await inbox.AddAsync([Pending(EventSource.FusionAuth, "e1"), Pending(EventSource.FusionAuth, "e2")], null, null, WritePriority.Bulk, CancellationToken.None);
        var rows = await inbox.GetPendingAsync(10, CancellationToken.None);
        await store.CommitAsync(rows.Select(r => new NormalizedInboxRecord(r.Id, r.Source, r.ProviderEventId, false, null, "bug")).ToList(), CancellationToken.None);

        var requeued = await inbox.RequeueQuarantinedAsync([rows[0].Id], CancellationToken.None);
        var pending = await inbox.GetPendingAsync(10, CancellationToken.None);
        await store.CommitAsync(pending.Select(r => new NormalizedInboxRecord(r.Id, r.Source, r.ProviderEventId, false, Event(r.ProviderEventId), null)).ToList(), CancellationToken.None);
        var again = await inbox.RequeueQuarantinedAsync([rows[0].Id], CancellationToken.None);

        Assert.Equal(1, requeued);
        Assert.Equal(["e1"], pending.Select(p => p.ProviderEventId));
        Assert.Equal(0, again);
        await using var db = await _database.Contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.Events.CountAsync());
        var quarantine = await db.Quarantine.OrderBy(q => q.InboxId).ToListAsync();
        Assert.NotNull(quarantine[0].ResolvedAtTicks);
        Assert.Equal(1, quarantine[0].ReplayCount);
        Assert.Null(quarantine[1].ResolvedAtTicks);
    }

    [Fact]
    public async Task InboxPayload_IsEncryptedAtRest()
    {
        await _database.MigrateAsync();
        var protector = new PayloadProtector(Key);
        var inbox = new InboxStore(_database.Contexts, _gate, _time);
        const string payload = """{"jti":"x","ssn":"900-12-3456"}""";

        await inbox.AddAsync([new PendingInboxRecord(EventSource.LoginGov, "", "x", protector.Protect(payload), _time.GetUtcNow(), false)], null, null, WritePriority.Bulk, CancellationToken.None);

        SqliteFlush();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_database.FilePath)!, "test.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("900-12-3456")));
        }

        var stored = (await inbox.GetPendingAsync(1, CancellationToken.None)).Single();
        Assert.Equal(payload, protector.Unprotect(stored.Payload));
    }

    private static void SqliteFlush() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

    private PendingInboxRecord Pending(EventSource source, string id, string tenant = "") =>
        new(source, tenant, id, new PayloadProtector(Key).Protect("{}"), _time.GetUtcNow(), false);

    private AuthEvent Event(string id) => new()
    {
        Source = EventSource.FusionAuth,
        ProviderEventId = id,
        EventType = "user.login.failed",
        Milestone = Milestones.LoginPassword,
        Outcome = Outcome.Failure,
        FailureReasons = [new FailureReason("reason", "credentials", CanonicalReasons.InvalidCredentials)],
        OccurredAt = _time.GetUtcNow(),
        ReceivedAt = _time.GetUtcNow(),
    };

    public void Dispose()
    {
        _gate.Dispose();
        _database.Dispose();
    }
}
