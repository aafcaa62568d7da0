using AuthEvents.Ingest.Sources;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.LoginGov.Importer;

/// <summary>The importer's background loop on a fake clock that the tests move only to what the loop waits on.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class LoginGovImporterLoopTests
{
    [Theory]
    [InlineData(400, "400 Bad Request")]
    [InlineData(401, "401 Unauthorized")]
    [InlineData(404, "404")]
    public async Task Run_PermanentErrors_RecordedWithoutSecretsAndPolledAgainAfterTheInterval(int status, string reason)
    {
        var time = new TestClock();
        await using var harness = await ImporterHarness.StartAsync(time, maxEvents: 10);
        var jtis = harness.AddSets(15);
        harness.Server.FailNext(status, times: 2);
        using var importer = harness.NewImporter();

        await importer.StartAsync(CancellationToken.None);
        await time.AdvanceToTimerAsync(harness.Options.PollInterval);
        await time.WaitForTimerAsync(d => d == harness.Options.PollInterval);
        var failed = (await harness.StateAsync())!;
        await time.AdvanceToTimerAsync(harness.Options.PollInterval);
        await time.WaitForTimerAsync(d => d == harness.Options.PollInterval);
        await importer.StopAsync(CancellationToken.None);

        Assert.Equal(2, failed.ConsecutiveFailures);
        Assert.StartsWith(reason, failed.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(TestLoginGovServer.Token, failed.LastError, StringComparison.Ordinal);
        // Two refused polls, then 10, 5 and the follow-up that acks the 5.
        Assert.Equal(5, harness.Server.Requests);
        Assert.Equal(0, harness.Server.Remaining);
        var state = (await harness.StateAsync())!;
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.Null(state.LastError);
        Assert.Null(state.PendingAcks);
        Assert.Equal(jtis, (await harness.InboxJtisAsync()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Run_TransientErrors_RetriedWithinThePollWithoutRecordingAFailure(int status)
    {
        var time = new TestClock();
        await using var harness = await ImporterHarness.StartAsync(time, maxEvents: 10);
        var jtis = harness.AddSets(5);
        harness.Server.FailNext(status, times: 2);
        using var importer = harness.NewImporter();

        await importer.StartAsync(CancellationToken.None);
        var delays = new[] { await time.AdvanceToTimerAsync(harness.IsRetryDelay), await time.AdvanceToTimerAsync(harness.IsRetryDelay) };
        await time.WaitForTimerAsync(d => d == harness.Options.PollInterval);
        await importer.StopAsync(CancellationToken.None);

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromTicks(1), SourceResilience.MaxRetryDelay));
        Assert.Equal(4, harness.Server.Requests);
        var state = (await harness.StateAsync())!;
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.Null(state.PendingAcks);
        Assert.Equal(jtis, (await harness.InboxJtisAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_ServerErrorsBeyondTheRetries_RecordedThenRecoversAfterTheInterval()
    {
        var time = new TestClock();
        await using var harness = await ImporterHarness.StartAsync(time, maxEvents: 10);
        var jtis = harness.AddSets(5);
        harness.Server.FailNext(500, times: SourceResilience.MaxRetryAttempts + 1);
        using var importer = harness.NewImporter();

        await importer.StartAsync(CancellationToken.None);
        for (var i = 0; i < SourceResilience.MaxRetryAttempts; i++)
        {
            await time.AdvanceToTimerAsync(harness.IsRetryDelay);
        }

        await time.WaitForTimerAsync(d => d == harness.Options.PollInterval);
        var failed = (await harness.StateAsync())!;
        await time.AdvanceToTimerAsync(harness.Options.PollInterval);
        await time.WaitForTimerAsync(d => d == harness.Options.PollInterval);
        await importer.StopAsync(CancellationToken.None);

        Assert.Equal(1, failed.ConsecutiveFailures);
        Assert.Equal("500: Login.gov server error", failed.LastError);
        Assert.Equal(0, (await harness.StateAsync())!.ConsecutiveFailures);
        Assert.Equal(jtis, (await harness.InboxJtisAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_ProviderHangs_EachAttemptTimesOutOnTheClockThenRecovers()
    {
        var time = new TestClock();
        await using var harness = await ImporterHarness.StartAsync(time, requestTimeout: TimeSpan.FromSeconds(30));
        var jtis = harness.AddSets(3);
        harness.Server.Hang = true;
        using var importer = harness.NewImporter();

        await importer.StartAsync(CancellationToken.None);
        for (var attempt = 0; attempt <= SourceResilience.MaxRetryAttempts; attempt++)
        {
            await time.AdvanceToTimerAsync(harness.Options.RequestTimeout);
            if (attempt < SourceResilience.MaxRetryAttempts)
            {
                await time.AdvanceToTimerAsync(harness.IsRetryDelay);
            }
        }

        await time.WaitForTimerAsync(d => d == harness.Options.PollInterval);
        var failed = (await harness.StateAsync())!;
        harness.Server.Hang = false;
        await time.AdvanceToTimerAsync(harness.Options.PollInterval);
        await time.WaitForTimerAsync(d => d == harness.Options.PollInterval);
        await importer.StopAsync(CancellationToken.None);

        Assert.Equal(1, failed.ConsecutiveFailures);
        Assert.StartsWith("timeout: no answer within 30 s", failed.LastError, StringComparison.Ordinal);
        Assert.Null((await harness.StateAsync())!.PendingAcks);
        Assert.Equal(jtis, (await harness.InboxJtisAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_PartialBatch_AcksDeliveredAtOnceThenWaitsInterval()
    {
        var time = new TestClock();
        await using var harness = await ImporterHarness.StartAsync(time, maxEvents: 10, pollInterval: TimeSpan.FromMinutes(1));
        harness.AddSets(25);
        using var importer = harness.NewImporter();

        await importer.StartAsync(CancellationToken.None);
        var wait = await time.WaitForTimerAsync(d => d == TimeSpan.FromMinutes(1));
        var requests = harness.Server.Requests;
        var pendingAcks = (await harness.StateAsync())!.PendingAcks;
        time.Advance(wait.DueAt - time.GetUtcNow());
        await time.WaitForTimerAsync(d => d == TimeSpan.FromMinutes(1));
        await importer.StopAsync(CancellationToken.None);

        // 10, 10, 5 (partial: its acks still pending), then one follow-up poll that acks the 5 and comes back empty.
        Assert.Equal(4, requests);
        Assert.Null(pendingAcks);
        Assert.Equal(time.Start + TimeSpan.FromMinutes(1), wait.DueAt);
        Assert.Equal(5, harness.Server.Requests);
    }

    [Fact]
    public async Task Run_AcksIgnoredByProvider_NoTightLoop()
    {
        var time = new TestClock();
        await using var harness = await ImporterHarness.StartAsync(time, maxEvents: 10);
        harness.AddSets(3);
        harness.Server.IgnoreAcks = true;
        using var importer = harness.NewImporter();

        await importer.StartAsync(CancellationToken.None);
        await time.WaitForTimerAsync(d => d == harness.Options.PollInterval);
        var requests = harness.Server.Requests;
        await importer.StopAsync(CancellationToken.None);

        Assert.Equal(2, requests);
    }
}
