using AuthEvents.Core.Events;
using AuthEvents.Tests.Normalization;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.OnePassword;

[Trait(TestKind.Name, TestKind.Integration)]
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
        var stopAfter = -1;
        var answered = 0;
        TaskCompletionSource stopPoint = new(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Server.Answered += () =>
        {
            if (Interlocked.Increment(ref answered) == Volatile.Read(ref stopAfter))
            {
                stopPoint.TrySetResult();
            }
        };

        for (; rounds < 150; rounds++)
        {
            // Stopped just after the first, second or third answer, while that page is being stored; or once caught up.
            stopPoint = new(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref answered, 0);
            Volatile.Write(ref stopAfter, random.Next(1, 4));
            var importer = h.Importer();
            await importer.StartAsync(CancellationToken.None);
            await Task.WhenAny(stopPoint.Task, h.Time.WaitForTimerAsync(d => d == h.Options().PollInterval));
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
