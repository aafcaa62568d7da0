using System.Collections.Concurrent;
using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Tests.LoginGov.Importer;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class LoginGovImporterCrashTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(2026)]
    public async Task Run_CancelledAtRandomPointsAndRestarted_EveryEventStoredOnceAndOnlyStoredJtisAcked(int seed)
    {
        var random = new Random(seed);
        await using var harness = await ImporterHarness.StartAsync(TimeProvider.System, maxEvents: 50, pollInterval: TimeSpan.FromMilliseconds(5), seed: seed);
        var jtis = harness.AddSets(2000);
        var ackedBeforeStored = new ConcurrentBag<string>();
        TaskCompletionSource crashPoint = new(TaskCreationOptions.RunContinuationsAsynchronously);
        TaskCompletionSource resume = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var crashAtAck = -1;
        var crashBeforeRespond = -1;
        var stopAfterAnswer = -1;
        var requestInRound = 0;
        var answeredInRound = 0;
        harness.Server.Answered += () =>
        {
            if (Interlocked.Increment(ref answeredInRound) == Volatile.Read(ref stopAfterAnswer))
            {
                crashPoint.TrySetResult();
            }
        };
        harness.Server.OnAck = async acks =>
        {
            await using (var db = await harness.Database.Contexts.CreateDbContextAsync())
            {
                var stored = await db.Inbox.Where(i => i.Source == EventSource.LoginGov && acks.Contains(i.ProviderEventId)).Select(i => i.ProviderEventId).ToListAsync();
                foreach (var missing in acks.Except(stored))
                {
                    ackedBeforeStored.Add(missing);
                }
            }

            if (Interlocked.Increment(ref requestInRound) == crashAtAck)
            {
                crashPoint.TrySetResult();
                await resume.Task;
            }
        };
        harness.Server.BeforeRespond = async () =>
        {
            if (Volatile.Read(ref requestInRound) == crashBeforeRespond)
            {
                crashPoint.TrySetResult();
                await resume.Task;
            }
        };

        var rounds = 0;
        while (harness.Server.Remaining > 0 || (await harness.StateAsync())?.PendingAcks is not null)
        {
            Assert.True(++rounds < 400, "the importer made no progress");
            crashPoint = new(TaskCreationOptions.RunContinuationsAsynchronously);
            resume = new(TaskCreationOptions.RunContinuationsAsynchronously);
            requestInRound = 0;
            Volatile.Write(ref answeredInRound, 0);
            // Stopped while Login.gov applies acks, before it answers, or just after an answer, while the batch is stored.
            var mode = random.Next(3);
            crashAtAck = mode == 1 ? random.Next(1, 4) : -1;
            crashBeforeRespond = mode == 2 ? random.Next(1, 4) : -1;
            Volatile.Write(ref stopAfterAnswer, mode == 0 ? random.Next(1, 4) : -1);

            using var importer = harness.NewImporter();
            await importer.StartAsync(CancellationToken.None);
            await crashPoint.Task.WaitAsync(Support.Patience.HangGuard);
            await importer.StopAsync(CancellationToken.None);
            resume.TrySetResult();
        }

        var stored = await harness.InboxJtisAsync();
        Assert.Equal(jtis.Count, stored.Count);
        Assert.Equal(jtis, stored.Order(StringComparer.Ordinal));
        Assert.Empty(ackedBeforeStored);
        Assert.Equal(jtis, harness.Server.Acked.Order(StringComparer.Ordinal));
        Assert.True(rounds > 10, $"only {rounds} rounds: the crash points were not exercised");
    }
}
