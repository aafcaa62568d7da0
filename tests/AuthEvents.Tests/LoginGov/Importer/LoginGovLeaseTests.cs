using AuthEvents.Core.Events;
using AuthEvents.Store.Leases;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.LoginGov.Importer;

/// <summary>Two dashboard nodes pull Login.gov: the lease holder dies with acks pending, and the other delivers them.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class LoginGovLeaseTests
{
    [Fact]
    public async Task Execute_HolderDiesWithAcksPending_OtherNodeWaitsOutTheLeaseAcksThemAndStoresTheRestOnce()
    {
        var time = new TestClock();
        await using var h = await ImporterHarness.StartAsync(time, maxEvents: 5, pollInterval: TimeSpan.FromMinutes(1), requestTimeout: TimeSpan.FromSeconds(7));
        var jtis = h.AddSets(12);
        var leasesA = h.Leases("node-a");
        var leasesB = h.Leases("node-b");
        using var nodeA = h.NewImporter(leasesA);
        using var nodeB = h.NewImporter(leasesB);

        // Node A holds the lease, stores a batch with its acks pending, and dies before the poll that would deliver them.
        Assert.True((await leasesA.HoldAsync(EventSource.LoginGov, CancellationToken.None)).Held);
        await nodeA.PollAndStoreAsync(CancellationToken.None);
        var pendingFromA = (await h.StateAsync())!.PendingAcks;
        await nodeB.StartAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            await time.AdvanceToTimerAsync(SourceLeases.RenewEvery);
        }

        await time.WaitForTimerAsync(d => d == SourceLeases.RenewEvery);
        var requestsWhileAHeld = h.Server.Requests;
        var ackedWhileAHeld = h.Server.Acked.Count;
        await time.AdvanceToTimerAsync(SourceLeases.RenewEvery);
        // The lease has run out: B polls with A's pending acks, drains the rest, delivers its own acks, then waits.
        await time.WaitForTimerAsync(d => d == SourceLeases.RenewEvery);
        await nodeB.StopAsync(CancellationToken.None);

        Assert.Equal((1, 0), (requestsWhileAHeld, ackedWhileAHeld));
        Assert.NotNull(pendingFromA);
        Assert.Equal(jtis.Order(StringComparer.Ordinal), (await h.InboxJtisAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(jtis.Order(StringComparer.Ordinal), h.Server.Acked.Order(StringComparer.Ordinal));
        Assert.Equal(0, h.Server.Remaining);
        Assert.Null((await h.StateAsync())!.PendingAcks);
    }
}
