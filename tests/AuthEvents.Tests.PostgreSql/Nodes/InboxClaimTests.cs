using System.Collections.Concurrent;
using AuthEvents.Core.Entrust;
using AuthEvents.Core.Events;
using AuthEvents.Core.Inbox;
using AuthEvents.Core.Privacy;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Store;
using AuthEvents.Store.Entities;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Tests.Nodes;

/// <summary>
/// Two nodes' inbox processors (each with its own write gate) on one PostgreSQL database. The records are kept as
/// <c>jwe</c> so that each passes through a counting decoder, which can also hold a node in the middle of its batch.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class InboxClaimTests : IDisposable
{
    private static readonly byte[] Key = Enumerable.Range(5, 32).Select(i => (byte)i).ToArray();
    private readonly TestDatabase _database = new();
    private readonly TestClock _time = new();
    private readonly StoreWriteGate _gateA = new();
    private readonly StoreWriteGate _gateB = new();
    private readonly ConcurrentDictionary<string, int> _decoded = new(StringComparer.Ordinal);

    [Fact]
    public async Task Process_TwoNodesDrainingTogether_EachRecordNormalizedOnceAndStoredOnce()
    {
        // Each node waits in its first decode until the other has begun too, so both batches are open at the same time.
        var begun = new[] { Signal(), Signal() };
        var a = await NodeAsync(_gateA, async () => { begun[0].TrySetResult(); await Task.WhenAll(begun.Select(b => b.Task)).WaitAsync(Patience.HangGuard); });
        var b = await NodeAsync(_gateB, async () => { begun[1].TrySetResult(); await Task.WhenAll(begun.Select(b => b.Task)).WaitAsync(Patience.HangGuard); });
        var ids = await WriteAsync(a.Pipeline, 1_200, malformedEvery: 10);

        var taken = await Task.WhenAll(new[] { a, b }.Select(node => Task.Run(async () =>
        {
            var total = 0;
            for (int n; (n = await node.Pipeline.Processor.ProcessOnceAsync(CancellationToken.None)) > 0;)
            {
                total += n;
            }

            return total;
        })));

        Assert.Equal(ids.Count, taken.Sum());
        Assert.All(taken, t => Assert.True(t > 0, "both nodes took records"));
        Assert.Equal(ids.Order(StringComparer.Ordinal), _decoded.Keys.Order(StringComparer.Ordinal));
        Assert.All(_decoded, d => Assert.Equal(1, d.Value));
        Assert.Empty(a.Decoder.Seen.Intersect(b.Decoder.Seen));
        await using var db = await _database.Contexts.CreateDbContextAsync();
        Assert.Equal(1_080, await db.Events.CountAsync());
        Assert.Equal(120, await db.Quarantine.CountAsync());
        Assert.Equal(1_080, await db.Inbox.CountAsync(i => i.State == InboxState.Normalized));
        Assert.Equal(120, await db.Inbox.CountAsync(i => i.State == InboxState.Quarantined));
    }

    [Fact]
    public async Task Process_OtherNodeHoldsItsBatch_TakesOnlyTheRestWithoutWaiting()
    {
        var claimed = Signal();
        var release = Signal();
        var a = await NodeAsync(_gateA, async () => { claimed.TrySetResult(); await release.Task.WaitAsync(Patience.HangGuard); });
        var b = await NodeAsync(_gateB, null);
        var ids = await WriteAsync(a.Pipeline, 600, malformedEvery: 0);
        var held = Task.Run(() => a.Pipeline.Processor.ProcessOnceAsync(CancellationToken.None));
        await claimed.Task.WaitAsync(Patience.HangGuard);

        // Node A holds a batch of 500 (250 newest, 250 oldest) open: node B takes the 100 between, then finds nothing.
        var first = await b.Pipeline.Processor.ProcessOnceAsync(CancellationToken.None).WaitAsync(Patience.HangGuard);
        var second = await b.Pipeline.Processor.ProcessOnceAsync(CancellationToken.None).WaitAsync(Patience.HangGuard);
        var storedWhileHeld = await CountEventsAsync();
        release.TrySetResult();
        var heldTaken = await held.WaitAsync(Patience.HangGuard);

        Assert.Equal((100, 0), (first, second));
        Assert.Equal(100, storedWhileHeld);
        Assert.Equal(500, heldTaken);
        Assert.Empty(a.Decoder.Seen.Intersect(b.Decoder.Seen));
        Assert.Equal(ids.Order(StringComparer.Ordinal), _decoded.Keys.Order(StringComparer.Ordinal));
        Assert.All(_decoded, d => Assert.Equal(1, d.Value));
        Assert.Equal(600, await CountEventsAsync());
    }

    [Fact]
    public async Task Process_NodeStopsWhileHoldingItsBatch_RecordsStayPendingForTheOther()
    {
        var claimed = Signal();
        using var stop = new CancellationTokenSource();
        var a = await NodeAsync(_gateA, async () => { claimed.TrySetResult(); await Task.Delay(Timeout.Infinite, stop.Token); });
        var b = await NodeAsync(_gateB, null);
        var ids = await WriteAsync(a.Pipeline, 300, malformedEvery: 7);
        var held = Task.Run(() => a.Pipeline.Processor.ProcessOnceAsync(stop.Token));
        await claimed.Task.WaitAsync(Patience.HangGuard);

        var whileHeld = await b.Pipeline.Processor.ProcessOnceAsync(CancellationToken.None).WaitAsync(Patience.HangGuard);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held.WaitAsync(Patience.HangGuard));
        var afterwards = await b.Pipeline.Processor.ProcessOnceAsync(CancellationToken.None).WaitAsync(Patience.HangGuard);

        Assert.Equal((0, ids.Count), (whileHeld, afterwards));
        await using var db = await _database.Contexts.CreateDbContextAsync();
        Assert.Equal(ids.Count, await db.Inbox.CountAsync(i => i.State != InboxState.Pending));
        Assert.Equal(ids.Count - await db.Quarantine.CountAsync(), await db.Events.CountAsync());
        Assert.Equal(42, await db.Quarantine.CountAsync());
    }

    private static TaskCompletionSource Signal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A node: the real pipeline with its own write gate, and a decoder that counts into the shared tally.</summary>
    private async Task<(TestPipeline Pipeline, CountingDecoder Decoder)> NodeAsync(StoreWriteGate gate, Func<Task>? onFirstDecode)
    {
        var decoder = new CountingDecoder(_decoded, onFirstDecode);
        var pipeline = await TestPipeline.CreateAsync(_database, gate, _time, Key, [new EntrustNormalizer(new LinkingHasher(Key))], [decoder]);
        return (pipeline, decoder);
    }

    /// <summary>Writes <paramref name="count"/> pending Entrust records; every <paramref name="malformedEvery"/>th does not decode.</summary>
    private async Task<List<string>> WriteAsync(TestPipeline pipeline, int count, int malformedEvery)
    {
        var ids = Enumerable.Range(1, count).Select(i => $"019adb89-60dd-750e-90a3-{i:D12}").ToList();
        var records = ids.Select((id, i) => new InboundRecord(
            EventSource.Entrust,
            malformedEvery > 0 && (i + 1) % malformedEvery == 0 ? CountingDecoder.Undecodable : TestWebhooks.EntrustBody(id),
            _time.GetUtcNow(), false, new InboxKey("acct", id), PayloadFormats.Jwe)).ToList();
        var written = await pipeline.Writer.WriteAsync(records, null, null, CancellationToken.None);
        Assert.Equal(count, written.Added);
        return ids;
    }

    private async Task<int> CountEventsAsync()
    {
        await using var db = await _database.Contexts.CreateDbContextAsync();
        return await db.Events.CountAsync();
    }

    public void Dispose()
    {
        _gateA.Dispose();
        _gateB.Dispose();
        _database.Dispose();
    }

    /// <summary>Passes the stored text through as the decoded JSON, counting each record it is given.</summary>
    private sealed class CountingDecoder(ConcurrentDictionary<string, int> tally, Func<Task>? onFirstDecode) : IPayloadDecoder
    {
        public const string Undecodable = "not a token";
        private int _calls;

        public string Format => PayloadFormats.Jwe;

        public ConcurrentBag<string> Seen { get; } = [];

        public async ValueTask<PayloadDecodeResult> DecodeAsync(EventSource source, string providerEventId, string payload, CancellationToken cancellationToken)
        {
            tally.AddOrUpdate(providerEventId, 1, (_, n) => n + 1);
            Seen.Add(providerEventId);
            if (Interlocked.Increment(ref _calls) == 1 && onFirstDecode is not null)
            {
                await onFirstDecode();
            }

            return payload == Undecodable ? PayloadDecodeResult.Failure("not decodable") : PayloadDecodeResult.Success(payload);
        }
    }
}
