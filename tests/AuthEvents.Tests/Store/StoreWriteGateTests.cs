using AuthEvents.Store;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Store;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class StoreWriteGateTests : IDisposable
{
    private readonly StoreWriteGate _gate = new();

    [Fact]
    public async Task Enter_WhileHeld_WaitsForTheRelease()
    {
        var first = await _gate.EnterAsync(CancellationToken.None);

        var second = _gate.EnterAsync(CancellationToken.None);

        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second.WaitAsync(Patience.HangGuard)).Dispose();
    }

    [Fact]
    public async Task PromptWriter_BehindWaitingBulkWriters_GoesNext()
    {
        var order = new List<string>();
        var held = await _gate.EnterAsync(CancellationToken.None);
        var bulk1 = Turn("bulk 1", WritePriority.Bulk, order);
        var bulk2 = Turn("bulk 2", WritePriority.Bulk, order);
        var prompt = Turn("webhook", WritePriority.Prompt, order);

        held.Dispose();
        await Task.WhenAll(bulk1, bulk2, prompt).WaitAsync(Patience.HangGuard);

        Assert.Equal(["webhook", "bulk 1", "bulk 2"], order);
    }

    [Fact]
    public async Task PromptWriters_OneAfterAnother_LetAWaitingBulkWriterInAfterTheirStreak()
    {
        var order = new List<string>();
        var held = await _gate.EnterAsync(WritePriority.Prompt, CancellationToken.None);
        var bulk = Turn("bulk", WritePriority.Bulk, order);
        var prompts = Enumerable.Range(1, StoreWriteGate.PromptStreak + 4).Select(i => Turn($"webhook {i}", WritePriority.Prompt, order)).ToList();

        held.Dispose();
        await Task.WhenAll(prompts.Append(bulk)).WaitAsync(Patience.HangGuard);

        // The held turn was the first of the streak.
        Assert.Equal(StoreWriteGate.PromptStreak - 1, order.IndexOf("bulk"));
        Assert.Equal(prompts.Count + 1, order.Count);
    }

    [Fact]
    public async Task Waiter_CancelledBeforeItsTurn_LeavesTheQueueAndTheNextOneGetsIt()
    {
        var order = new List<string>();
        var held = await _gate.EnterAsync(CancellationToken.None);
        using var giveUp = new CancellationTokenSource();
        var cancelled = _gate.EnterAsync(WritePriority.Prompt, giveUp.Token);
        var next = Turn("bulk", WritePriority.Bulk, order);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        held.Dispose();
        await next.WaitAsync(Patience.HangGuard);

        Assert.Equal(["bulk"], order);
        // The gate is free again.
        (await _gate.EnterAsync(CancellationToken.None).WaitAsync(Patience.HangGuard)).Dispose();
    }

    [Fact]
    public async Task ManyWriters_Concurrently_NeverTwoInsideAtOnce()
    {
        var inside = 0;
        var overlaps = 0;
        var writers = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            using var turn = await _gate.EnterAsync(i % 3 == 0 ? WritePriority.Prompt : WritePriority.Bulk, CancellationToken.None);
            if (Interlocked.Increment(ref inside) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            await Task.Yield();
            Interlocked.Decrement(ref inside);
        }));

        await Task.WhenAll(writers).WaitAsync(Patience.HangGuard);

        Assert.Equal(0, overlaps);
    }

    // Takes a turn, notes it, and gives it back.
    private async Task Turn(string name, WritePriority priority, List<string> order)
    {
        using var turn = await _gate.EnterAsync(priority, CancellationToken.None);
        lock (order)
        {
            order.Add(name);
        }
    }

    public void Dispose() => _gate.Dispose();
}
