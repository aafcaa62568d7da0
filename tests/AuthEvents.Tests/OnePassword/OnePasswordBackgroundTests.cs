using AuthEvents.Core.Events;
using AuthEvents.Tests.Normalization;

namespace AuthEvents.Tests.OnePassword;

[Collection(AuthEvents.Tests.Support.TimingSensitiveTests.Name)]
public sealed class OnePasswordBackgroundTests
{
    private static readonly string Template = FixtureFiles.Read(EventSource.OnePassword, "docs-elastic-sample");

    [Fact]
    public async Task Execute_ServerErrorsThenRecovers_BacksOffOnTheClockAndStoresEverything()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        var start = h.Time.GetUtcNow().AddMinutes(-5);
        h.Server.MaxPageSize = 10;
        h.Server.Add(Enumerable.Range(0, 35).Select(n => TestOnePasswordServer.ItemFrom(Template, n, start.AddSeconds(n))));
        h.Server.FailNext(500, count: 2);
        using var importer = h.Importer();

        await importer.StartAsync(CancellationToken.None);
        await AdvanceUntilAsync(h, () => h.Server.Requests == 1);
        var firstBackoff = await AdvanceUntilAsync(h, () => h.Server.Requests == 2);
        var secondBackoff = await AdvanceUntilAsync(h, () => h.Server.Requests == 3);
        // Millisecond steps: whatever the importer waits for on the clock between pages shows up as fake time, which must
        // stay far below any backoff or poll interval (a fixed zero step hung when a busy machine delayed a page).
        var pagesWithoutWaiting = await AdvanceUntilAsync(h, () => h.Server.Requests == 6, TimeSpan.FromMilliseconds(1));
        var pollWait = await AdvanceUntilAsync(h, () => h.Server.Requests == 7, TimeSpan.FromSeconds(1));
        await importer.StopAsync(CancellationToken.None);

        Assert.InRange(firstBackoff, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
        Assert.InRange(secondBackoff, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5));
        Assert.InRange(pagesWithoutWaiting, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        Assert.InRange(pollWait, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(32));
        Assert.Equal(35, (await h.StoredIdsAsync()).Count);
        var state = await h.StateAsync();
        Assert.Equal(0, state!.ConsecutiveFailures);
        Assert.Equal(35, TestOnePasswordServer.PositionOf(state.Cursor!));
    }

    /// <summary>
    /// Lets the importer run, and moves the fake clock on by <paramref name="step"/> (default a quarter second) whenever it has been idle a moment, until
    /// <paramref name="condition"/> holds. Returns how much fake time that took.
    /// </summary>
    private static async Task<TimeSpan> AdvanceUntilAsync(OnePasswordHarness h, Func<bool> condition, TimeSpan? step = null)
    {
        var began = h.Time.GetUtcNow();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            for (var i = 0; i < 10 && !condition(); i++)
            {
                await Task.Delay(5);
            }

            if (condition())
            {
                return h.Time.GetUtcNow() - began;
            }

            Assert.True(DateTime.UtcNow < deadline, "condition not met within 30 s");
            h.Time.Advance(step ?? TimeSpan.FromMilliseconds(250));
        }
    }
}
