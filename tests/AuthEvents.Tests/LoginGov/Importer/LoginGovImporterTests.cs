using System.Text.Json;
using System.Text.Json.Nodes;
using AuthEvents.Core.LoginGov;
using AuthEvents.Demo.LoginGov;
using AuthEvents.Ingest.Sources.LoginGov;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Tests.LoginGov.Importer;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class LoginGovImporterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public async Task PollOnce_SeveralFullBatchesThenPartial_StoresEachOnceAndAcksAll(int seed)
    {
        await using var harness = await ImporterHarness.StartAsync(new TestClock(), maxEvents: 10, seed: seed);
        var jtis = harness.AddSets(25);
        var importer = harness.NewImporter();

        var returned = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            returned.Add((await importer.PollAndStoreAsync(CancellationToken.None)).Returned);
        }

        Assert.Equal([10, 10, 5, 0], returned);
        Assert.Equal(jtis, (await harness.InboxJtisAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(0, harness.Server.Remaining);
        Assert.Equal(jtis, harness.Server.Acked.Order(StringComparer.Ordinal));
        var state = await harness.StateAsync();
        Assert.Null(state!.PendingAcks);
        Assert.Equal(harness.Time.GetUtcNow().UtcTicks, state.LastSuccessAtTicks);
        Assert.Equal(25, state.EventsReceived);
    }

    [Fact]
    public async Task PollOnce_BatchStored_PendingAcksAreExactlyTheStoredJtis()
    {
        await using var harness = await ImporterHarness.StartAsync(new TestClock(), maxEvents: 3);
        harness.AddSets(5);
        var importer = harness.NewImporter();

        await importer.PollAndStoreAsync(CancellationToken.None);

        var pending = JsonSerializer.Deserialize<List<string>>((await harness.StateAsync())!.PendingAcks!)!;
        Assert.Equal(3, pending.Count);
        Assert.Equal((await harness.InboxJtisAsync()).Order(StringComparer.Ordinal), pending.Order(StringComparer.Ordinal));
        Assert.Empty(harness.Server.Acked);
    }

    [Fact]
    public async Task PollOnce_AcksNotHonoured_SameSetsRedeliveredStoredOnce()
    {
        await using var harness = await ImporterHarness.StartAsync(new TestClock());
        var jtis = harness.AddSets(5);
        harness.Server.IgnoreAcks = true;
        var importer = harness.NewImporter();

        var results = new List<LoginGovPollResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await importer.PollAndStoreAsync(CancellationToken.None));
        }

        Assert.Equal([new(5, 5), new(5, 0), new(5, 0)], results);
        Assert.Equal(jtis, (await harness.InboxJtisAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PollOnce_ResponseLostAfterAcks_RedeliveryStoredOnceAndNothingLost()
    {
        await using var harness = await ImporterHarness.StartAsync(new TestClock(), maxEvents: 4);
        var jtis = harness.AddSets(10);
        var importer = harness.NewImporter();
        await importer.PollAndStoreAsync(CancellationToken.None);
        using var lost = new CancellationTokenSource();
        // The acks are applied; the client gives up before the answer is written, so it never sees the batch.
        harness.Server.BeforeRespond = lost.CancelAsync;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => importer.PollAndStoreAsync(lost.Token));
        harness.Server.BeforeRespond = null;
        while ((await importer.PollAndStoreAsync(CancellationToken.None)).Returned > 0)
        {
        }

        Assert.Equal(jtis, (await harness.InboxJtisAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(0, harness.Server.Remaining);
    }

    [Fact]
    public async Task PollOnce_EventsArriveBetweenPolls_AllStoredWhateverTheOrder()
    {
        await using var harness = await ImporterHarness.StartAsync(new TestClock(), maxEvents: 4, seed: 3);
        var first = harness.AddSets(6, "late");
        var importer = harness.NewImporter();
        await importer.PollAndStoreAsync(CancellationToken.None);
        var second = harness.AddSets(6, "early");

        while ((await importer.PollAndStoreAsync(CancellationToken.None)).Returned > 0)
        {
        }

        Assert.Equal(first.Concat(second).Order(StringComparer.Ordinal), (await harness.InboxJtisAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PollOnce_SecondPoll_AcksFirstBatch()
    {
        await using var harness = await ImporterHarness.StartAsync(new TestClock(), maxEvents: 2);
        harness.AddSets(3);
        var seen = new List<IReadOnlyList<string>>();
        harness.Server.OnAck = acks =>
        {
            seen.Add(acks);
            return Task.CompletedTask;
        };
        var importer = harness.NewImporter();

        await importer.PollAndStoreAsync(CancellationToken.None);
        await importer.PollAndStoreAsync(CancellationToken.None);

        Assert.Empty(seen[0]);
        Assert.Equal(2, seen[1].Count);
        Assert.Equal(2, harness.Server.Requests);
    }

    [Theory]
    [InlineData("<html>oops</html>", "response is not JSON")]
    [InlineData("{\"err\":\"x\"}", "response has no \"sets\" object")]
    [InlineData("{\"sets\":{\"a\":1}}", "a \"sets\" member is not a jti mapped to a JWE string")]
    public async Task PollOnce_MalformedResponse_ThrowsInvalidResponseAndKeepsPendingAcks(string body, string reason)
    {
        await using var harness = await ImporterHarness.StartAsync(new TestClock(), maxEvents: 2);
        harness.AddSets(3);
        var importer = harness.NewImporter();
        await importer.PollAndStoreAsync(CancellationToken.None);
        var pending = (await harness.StateAsync())!.PendingAcks;
        harness.Server.NextRawBody = body;

        var error = await Assert.ThrowsAsync<LoginGovPollException>(() => importer.PollAndStoreAsync(CancellationToken.None));

        Assert.Equal(LoginGovPollError.InvalidResponse, error.Error);
        Assert.Equal(reason, error.Message);
        Assert.Equal(pending, (await harness.StateAsync())!.PendingAcks);
        Assert.Equal(2, (await harness.InboxJtisAsync()).Count);
    }

    [Fact]
    public async Task PollOnce_UndecryptableAndMalformedSets_QuarantinedWithJweKeptAndStillAcked()
    {
        await using var harness = await ImporterHarness.StartAsync(new TestClock());
        harness.AddSets(1, "good");
        using var other = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaOther);
        var wrongKey = new SetEncryptor(other).Encrypt(TestSets.Set("wrong-key"));
        harness.Server.Add("wrong-key", wrongKey);
        harness.Server.Add("garbage", "not-a-jwe");
        var importer = harness.NewImporter();

        await importer.PollAndStoreAsync(CancellationToken.None);
        await importer.PollAndStoreAsync(CancellationToken.None);
        await harness.ProcessInboxAsync();

        await using var db = await harness.Database.Contexts.CreateDbContextAsync();
        Assert.Equal(["good-0000"], await db.Events.Select(e => e.ProviderEventId).ToListAsync());
        var quarantined = await db.Quarantine.OrderBy(q => q.ProviderEventId).ToListAsync();
        Assert.Equal(["garbage", "wrong-key"], quarantined.Select(q => q.ProviderEventId));
        Assert.All(quarantined, q => Assert.StartsWith("Login.gov SET not accepted", q.Reason, StringComparison.Ordinal));
        var kept = await db.Inbox.SingleAsync(i => i.ProviderEventId == "wrong-key");
        Assert.Equal(wrongKey, ImporterHarness.Unprotect(kept.Payload));
        Assert.Equal(["garbage", "good-0000", "wrong-key"], harness.Server.Acked.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PollOnce_SetWithUnknownFields_StoredAsEvent()
    {
        await using var harness = await ImporterHarness.StartAsync(new TestClock());
        var set = JsonNode.Parse(TestSets.Set("unknown-fields"))!.AsObject();
        set["future_claim"] = new JsonObject { ["nested"] = 1 };
        var events = set["events"]!.AsObject();
        events.First().Value!.AsObject()["new_attribute"] = "x";
        using var rsa = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);
        harness.Server.Add("unknown-fields", new SetEncryptor(rsa).Encrypt(set.ToJsonString()));
        var importer = harness.NewImporter();

        await importer.PollAndStoreAsync(CancellationToken.None);
        await harness.ProcessInboxAsync();

        await using var db = await harness.Database.Contexts.CreateDbContextAsync();
        var stored = await db.Events.SingleAsync(e => e.ProviderEventId == "unknown-fields");
        Assert.Equal("login-email-and-password-auth", stored.EventType);
        Assert.Empty(await db.Quarantine.ToListAsync());
    }
}
