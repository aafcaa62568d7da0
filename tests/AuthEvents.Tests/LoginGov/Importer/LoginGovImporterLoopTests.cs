using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.LoginGov.Importer;

[Collection(AuthEvents.Tests.Support.TimingSensitiveTests.Name)]
public sealed class LoginGovImporterLoopTests
{
    [Theory]
    [InlineData(400, "400 Bad Request")]
    [InlineData(401, "401 Unauthorized")]
    [InlineData(404, "404")]
    [InlineData(429, "429 Too Many Requests")]
    [InlineData(500, "500: Login.gov server error")]
    [InlineData(503, "503: Login.gov server error")]
    public async Task Run_ProviderErrors_FailureRecordedWithoutSecretsThenRecovers(int status, string reason)
    {
        var time = new TestTimeProvider();
        await using var harness = await ImporterHarness.StartAsync(time, maxEvents: 10);
        var jtis = harness.AddSets(15);
        harness.Server.FailNext(status, times: 2);
        using var importer = harness.NewImporter();

        await importer.StartAsync(CancellationToken.None);
        await harness.WaitUntilAsync(async () => (await harness.StateAsync())?.ConsecutiveFailures == 2);
        var failed = (await harness.StateAsync())!;
        Assert.StartsWith(reason, failed.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(TestLoginGovServer.Token, failed.LastError, StringComparison.Ordinal);
        await harness.WaitUntilAsync(async () => harness.Server.Remaining == 0 && (await harness.StateAsync())!.PendingAcks is null);
        await importer.StopAsync(CancellationToken.None);

        var state = (await harness.StateAsync())!;
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.Null(state.LastError);
        Assert.Equal(jtis, (await harness.InboxJtisAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_ProviderHangs_TimeoutRecordedThenRecovers()
    {
        var time = new TestTimeProvider();
        await using var harness = await ImporterHarness.StartAsync(time, requestTimeout: TimeSpan.FromSeconds(30));
        var jtis = harness.AddSets(3);
        harness.Server.Hang = true;
        using var importer = harness.NewImporter();

        await importer.StartAsync(CancellationToken.None);
        await harness.WaitUntilAsync(async () => (await harness.StateAsync())?.ConsecutiveFailures >= 1);
        Assert.StartsWith("timeout: no answer within 30 s", (await harness.StateAsync())!.LastError, StringComparison.Ordinal);
        harness.Server.Hang = false;
        await harness.WaitUntilAsync(async () => harness.Server.Remaining == 0 && (await harness.StateAsync())!.PendingAcks is null);
        await importer.StopAsync(CancellationToken.None);

        Assert.Equal(jtis, (await harness.InboxJtisAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_PartialBatch_AcksDeliveredAtOnceThenWaitsInterval()
    {
        var time = new TestTimeProvider();
        await using var harness = await ImporterHarness.StartAsync(time, maxEvents: 10, pollInterval: TimeSpan.FromMinutes(1));
        harness.AddSets(25);
        using var importer = harness.NewImporter();

        await importer.StartAsync(CancellationToken.None);
        await harness.WaitUntilAsync(async () => harness.Server.Remaining == 0 && (await harness.StateAsync())!.PendingAcks is null, TimeSpan.Zero);
        await Task.Delay(100);
        var requests = harness.Server.Requests;
        time.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(100);
        Assert.Equal(requests, harness.Server.Requests);
        time.Advance(TimeSpan.FromSeconds(1));
        await harness.WaitUntilAsync(() => Task.FromResult(harness.Server.Requests == requests + 1), TimeSpan.Zero);
        await importer.StopAsync(CancellationToken.None);

        // 10, 10, 5 (partial: its acks still pending), then one follow-up poll that acks the 5 and comes back empty.
        Assert.Equal(4, requests);
    }

    [Fact]
    public async Task Run_AcksIgnoredByProvider_NoTightLoop()
    {
        var time = new TestTimeProvider();
        await using var harness = await ImporterHarness.StartAsync(time, maxEvents: 10);
        harness.AddSets(3);
        harness.Server.IgnoreAcks = true;
        using var importer = harness.NewImporter();

        await importer.StartAsync(CancellationToken.None);
        await Task.Delay(300);
        await importer.StopAsync(CancellationToken.None);

        Assert.Equal(2, harness.Server.Requests);
    }
}
