using AuthEvents.Core.Events;
using AuthEvents.Ingest.Sources;
using AuthEvents.Tests.Normalization;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.OnePassword;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class OnePasswordBackgroundTests
{
    private static readonly string Template = FixtureFiles.Read(EventSource.OnePassword, "docs-elastic-sample");

    [Fact]
    public async Task Execute_ServerErrorsThenRecovers_RetriesOnTheClockFollowsPagesThenWaitsTheInterval()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        var start = h.Time.GetUtcNow().AddMinutes(-5);
        h.Server.MaxPageSize = 10;
        h.Server.Add(Enumerable.Range(0, 35).Select(n => TestOnePasswordServer.ItemFrom(Template, n, start.AddSeconds(n))));
        h.Server.FailNext(500, count: 2);
        using var importer = h.Importer();

        await importer.StartAsync(CancellationToken.None);
        var firstRetry = await h.Time.AdvanceToTimerAsync(h.IsRetryDelay);
        var secondRetry = await h.Time.AdvanceToTimerAsync(h.IsRetryDelay);
        // The next wait the loop arms is the poll interval: by then every page has been fetched and stored, with no wait between pages.
        var caughtUp = await h.Time.WaitForTimerAsync(d => d == h.Options().PollInterval);
        var requests = h.Server.Requests;
        var state = await h.StateAsync();
        var stored = (await h.StoredIdsAsync()).Count;
        h.Time.Advance(caughtUp.DueAt - h.Time.GetUtcNow());
        await h.Time.WaitForTimerAsync(d => d == h.Options().PollInterval);
        await importer.StopAsync(CancellationToken.None);

        Assert.InRange(firstRetry, TimeSpan.FromTicks(1), SourceResilience.MaxRetryDelay);
        Assert.InRange(secondRetry, TimeSpan.FromTicks(1), SourceResilience.MaxRetryDelay);
        Assert.Equal(h.Time.Start + TimeSpan.FromSeconds(30) + firstRetry + secondRetry, caughtUp.DueAt);
        Assert.Equal(6, requests);
        Assert.Equal(35, stored);
        Assert.Equal(0, state!.ConsecutiveFailures);
        Assert.Equal(35, TestOnePasswordServer.PositionOf(state.Cursor!));
        Assert.Equal(7, h.Server.Requests);
    }

    [Fact]
    public async Task Execute_ServerDownForLongerThanTheRetries_RecordsTheFailureAndPollsAgainAfterTheInterval()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        h.Server.Add([TestOnePasswordServer.ItemFrom(Template, 0, h.Time.GetUtcNow().AddMinutes(-1))]);
        h.Server.FailNext(503, count: SourceResilience.MaxRetryAttempts + 1);
        using var importer = h.Importer();

        await importer.StartAsync(CancellationToken.None);
        for (var i = 0; i < SourceResilience.MaxRetryAttempts; i++)
        {
            await h.Time.AdvanceToTimerAsync(h.IsRetryDelay);
        }

        await h.Time.WaitForTimerAsync(d => d == h.Options().PollInterval);
        var failed = await h.StateAsync();
        await h.Time.AdvanceToTimerAsync(h.Options().PollInterval);
        await h.Time.WaitForTimerAsync(d => d == h.Options().PollInterval);
        await importer.StopAsync(CancellationToken.None);

        Assert.Equal(1, failed!.ConsecutiveFailures);
        Assert.Equal("HTTP 503: Internal error", failed.LastError);
        var recovered = await h.StateAsync();
        Assert.Equal(0, recovered!.ConsecutiveFailures);
        Assert.Single(await h.StoredIdsAsync());
    }
}
