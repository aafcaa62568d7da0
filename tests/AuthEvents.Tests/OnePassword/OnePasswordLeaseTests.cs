using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Store.Leases;
using AuthEvents.Tests.Normalization;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.OnePassword;

/// <summary>Two dashboard nodes pull 1Password: the lease holder dies, and the other takes over where it stopped.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class OnePasswordLeaseTests
{
    private static readonly string Template = FixtureFiles.Read(EventSource.OnePassword, "docs-elastic-sample");

    [Fact]
    public async Task Execute_HolderDiesAfterAPage_OtherNodeWaitsOutTheLeaseThenContinuesFromTheStoredCursor()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        var start = h.Time.GetUtcNow().AddMinutes(-5);
        h.Server.MaxPageSize = 10;
        h.Server.Add(Enumerable.Range(0, 30).Select(n => TestOnePasswordServer.ItemFrom(Template, n, start.AddSeconds(n))));
        // A request timeout unlike the lease's 5 s pace, so the clock is moved only to what the loop waits on.
        var leasesA = h.Leases("node-a");
        using var nodeA = h.Importer(o => o.RequestTimeout = TimeSpan.FromSeconds(7), leases: leasesA);
        var leasesB = h.Leases("node-b");
        using var nodeB = h.Importer(o => o.RequestTimeout = TimeSpan.FromSeconds(7), leases: leasesB);

        // Node A holds the lease, stores one page with its cursor, and dies: it never renews nor releases.
        Assert.True((await leasesA.HoldAsync(EventSource.OnePassword, CancellationToken.None)).Held);
        await h.RunOnceAsync(nodeA);
        await nodeB.StartAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            await h.Time.AdvanceToTimerAsync(SourceLeases.RenewEvery);
        }

        // 15 s after A's last renewal: B has asked four times, and polled nothing.
        await h.Time.WaitForTimerAsync(d => d == SourceLeases.RenewEvery);
        var requestsWhileAHeld = h.Server.Requests;
        var heldByB = leasesB.HeldEpoch(EventSource.OnePassword);
        await h.Time.AdvanceToTimerAsync(SourceLeases.RenewEvery);
        // 20 s: the lease has run out; B takes it, reads the stored cursor and follows every page, then waits again.
        await h.Time.WaitForTimerAsync(d => d == SourceLeases.RenewEvery);
        var stored = await h.StoredIdsAsync();
        var state = await h.StateAsync();
        await nodeB.StopAsync(CancellationToken.None);

        Assert.Equal(1, requestsWhileAHeld);
        Assert.Null(heldByB);
        Assert.Equal(30, stored.Distinct().Count());
        Assert.Equal(30, stored.Count);
        Assert.Equal(30, TestOnePasswordServer.PositionOf(state!.Cursor!));
        var positions = h.Server.RequestBodies.Skip(1).Select(body => TestOnePasswordServer.PositionOf(
            JsonDocument.Parse(body).RootElement.GetProperty("cursor").GetString()!)).ToList();
        Assert.Equal(10, positions[0]);
        Assert.Equal(positions.Order(), positions);
        // A clean stop hands the source over at once.
        Assert.Null(leasesB.HeldEpoch(EventSource.OnePassword));
        Assert.True((await h.Leases("node-c").HoldAsync(EventSource.OnePassword, CancellationToken.None)).Held);
    }
}
