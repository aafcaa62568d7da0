using AuthEvents.Core.Events;
using AuthEvents.Tests.Normalization;

namespace AuthEvents.Tests.OnePassword;

[Collection(AuthEvents.Tests.Support.TimingSensitiveTests.Name)]
public sealed class OnePasswordCrashTests
{
    private const int ItemCount = 3000;
    private static readonly string Template = FixtureFiles.Read(EventSource.OnePassword, "docs-elastic-sample");

    [Fact]
    public async Task Importer_StoppedAtRandomPointsAndRestarted_EveryItemStoredOnceAndCursorNeverAhead()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        var start = h.Time.GetUtcNow().AddMinutes(-50);
        h.Server.MaxPageSize = 50;
        h.Server.Add(Enumerable.Range(0, ItemCount).Select(n => TestOnePasswordServer.ItemFrom(Template, n, start.AddMilliseconds(n))));
        var random = new Random(20261122);
        var rounds = 0;

        for (; rounds < 150; rounds++)
        {
            var importer = h.Importer();
            await importer.StartAsync(CancellationToken.None);
            await Task.Delay(random.Next(0, 25));
            await importer.StopAsync(CancellationToken.None);
            importer.Dispose();

            var position = await AssertCursorCoveredAsync(h);
            if (position == ItemCount)
            {
                break;
            }
        }

        var last = h.Importer();
        while (await last.PollOnceAsync(CancellationToken.None) == TimeSpan.Zero)
        {
        }

        var ids = await h.StoredIdsAsync();
        Assert.Equal(ItemCount, ids.Count);
        Assert.Equal(Enumerable.Range(0, ItemCount).Select(TestOnePasswordServer.UuidFor).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Equal(ItemCount, (await h.StateAsync())!.EventsReceived);
        Assert.Equal(ItemCount, await AssertCursorCoveredAsync(h));
        Assert.True(rounds > 1, "the importer should have been stopped part-way at least once");
    }

    private static async Task<int> AssertCursorCoveredAsync(OnePasswordHarness h)
    {
        var cursor = (await h.StateAsync())?.Cursor;
        var position = cursor is null ? 0 : TestOnePasswordServer.PositionOf(cursor);
        var stored = (await h.StoredIdsAsync()).ToHashSet(StringComparer.Ordinal);
        var missing = Enumerable.Range(0, position).Where(n => !stored.Contains(TestOnePasswordServer.UuidFor(n))).ToList();
        Assert.True(missing.Count == 0, $"cursor at {position} but item {missing.FirstOrDefault()} is not stored");
        return position;
    }
}
