using System.Text;
using AuthEvents.Core.Events;
using AuthEvents.Store;
using AuthEvents.Store.Leases;
using AuthEvents.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuthEvents.Tests.Store;

/// <summary>Two nodes on one database and one clock: who pulls a source, takeover after the lease runs out, and the fence on writes.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class SourceLeasesTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestClock _time = new();
    private readonly StoreWriteGate _gate = new();

    [Fact]
    public async Task Hold_TwoNodes_OnlyTheFirstHoldsAndRenewsWhileTheOtherWaits()
    {
        await _database.MigrateAsync();
        var (a, b) = (Node("a"), Node("b"));

        var first = await a.HoldAsync(EventSource.OnePassword, CancellationToken.None);
        var refused = await b.HoldAsync(EventSource.OnePassword, CancellationToken.None);
        _time.Advance(SourceLeases.Ttl - TimeSpan.FromSeconds(1));
        var renewed = await a.HoldAsync(EventSource.OnePassword, CancellationToken.None);
        _time.Advance(SourceLeases.Ttl - TimeSpan.FromSeconds(1));
        var stillRefused = await b.HoldAsync(EventSource.OnePassword, CancellationToken.None);

        Assert.Equal(new LeaseHold(true, true), first);
        Assert.Equal(new LeaseHold(false, false), refused);
        Assert.Equal(new LeaseHold(true, false), renewed);
        Assert.Equal(new LeaseHold(false, false), stillRefused);
        Assert.Equal(1, a.HeldEpoch(EventSource.OnePassword));
        Assert.Null(b.HeldEpoch(EventSource.OnePassword));
    }

    [Fact]
    public async Task Hold_HolderStopsRenewing_TheOtherTakesOverAfterTheTtlWithAHigherEpoch()
    {
        await _database.MigrateAsync();
        var (a, b) = (Node("a"), Node("b"));
        await a.HoldAsync(EventSource.LoginGov, CancellationToken.None);

        _time.Advance(SourceLeases.Ttl - TimeSpan.FromTicks(1));
        var early = await b.HoldAsync(EventSource.LoginGov, CancellationToken.None);
        _time.Advance(TimeSpan.FromTicks(1));
        var takeover = await b.HoldAsync(EventSource.LoginGov, CancellationToken.None);
        var formerHolder = await a.HoldAsync(EventSource.LoginGov, CancellationToken.None);

        Assert.False(early.Held);
        Assert.Equal(new LeaseHold(true, true), takeover);
        Assert.Equal(2, b.HeldEpoch(EventSource.LoginGov));
        Assert.False(formerHolder.Held);
        Assert.Null(a.HeldEpoch(EventSource.LoginGov));
    }

    [Fact]
    public async Task Release_CleanStop_TheOtherTakesOverAtOnce()
    {
        await _database.MigrateAsync();
        var (a, b) = (Node("a"), Node("b"));
        await a.HoldAsync(EventSource.OnePassword, CancellationToken.None);

        await a.ReleaseAsync(EventSource.OnePassword, CancellationToken.None);

        Assert.Equal(new LeaseHold(true, true), await b.HoldAsync(EventSource.OnePassword, CancellationToken.None));
    }

    [Fact]
    public async Task Fence_FormerHolderWritesAfterTakeover_RefusedAndTheNewHoldersCursorStays()
    {
        await _database.MigrateAsync();
        var (a, b) = (Node("a"), Node("b"));
        var inboxA = new InboxStore(_database.Contexts, _gate, _time, leases: a);
        var inboxB = new InboxStore(_database.Contexts, _gate, _time, leases: b);
        await a.HoldAsync(EventSource.OnePassword, CancellationToken.None);
        await inboxA.AddAsync([Pending("1")], EventSource.OnePassword, s => s.Cursor = "a-1", WritePriority.Bulk, CancellationToken.None);

        // Node a stalls past the lease; node b takes over and moves the cursor on.
        _time.Advance(SourceLeases.Ttl);
        await b.HoldAsync(EventSource.OnePassword, CancellationToken.None);
        await inboxB.AddAsync([Pending("2")], EventSource.OnePassword, s => s.Cursor = "b-2", WritePriority.Bulk, CancellationToken.None);
        var stale = await Assert.ThrowsAsync<SourceLeaseLostException>(() =>
            inboxA.AddAsync([Pending("3")], EventSource.OnePassword, s => s.Cursor = "a-3", WritePriority.Bulk, CancellationToken.None));

        Assert.Contains("another node took over", stale.Message, StringComparison.Ordinal);
        Assert.Equal("b-2", (await inboxB.GetSourceStateAsync(EventSource.OnePassword, CancellationToken.None))!.Cursor);
        Assert.Equal(2, await inboxB.CountPendingAsync(CancellationToken.None));
        Assert.Null(a.HeldEpoch(EventSource.OnePassword));
    }

    [Fact]
    public async Task Fence_WebhookSourceAndSourcesNeverLeased_WritesPass()
    {
        await _database.MigrateAsync();
        var a = Node("a");
        var inbox = new InboxStore(_database.Contexts, _gate, _time, leases: a);

        var result = await inbox.AddAsync([Pending("1")], EventSource.OnePassword, s => s.Cursor = "c", WritePriority.Bulk, CancellationToken.None);

        Assert.Equal(1, result.Added);
    }

    private SourceLeases Node(string id) => new(_database.Contexts, new NodeIdentity(id), _time, NullLogger<SourceLeases>.Instance);

    private PendingInboxRecord Pending(string id) =>
        new(EventSource.OnePassword, "", id, Encoding.UTF8.GetBytes("{}"), _time.GetUtcNow(), false);

    public void Dispose()
    {
        _gate.Dispose();
        _database.Dispose();
    }
}
