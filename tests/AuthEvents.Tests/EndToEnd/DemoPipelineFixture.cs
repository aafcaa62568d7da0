using AuthEvents.Core.Events;
using AuthEvents.Core.Inbox;
using AuthEvents.Core.Normalization;
using AuthEvents.Core.Privacy;
using AuthEvents.Demo.Simulation;
using AuthEvents.Ingest.Feed;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Store;
using AuthEvents.Store.Entities;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Tests.EndToEnd;

/// <summary>
/// One simulated hour of demo traffic through the real pipeline into SQLite, run once for the tests that read it:
/// half an hour of history, then half an hour minute by minute. The simulator's payloads go straight into the inbox
/// writer (Login.gov SETs as decrypted JSON), leaving the transports out: this is the pipeline's test, and the running
/// demo's transports have their own (DemoTransportHostTests). Afterwards the same
/// deliveries are written again, and then every inbox row is replayed through the processor; the counts are taken
/// after each pass. Every log line at every level, EF Core's included, is captured.
/// </summary>
public sealed class DemoPipelineFixture : IAsyncLifetime, IDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 11, 4, 8, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Throttle = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan History = TimeSpan.FromMinutes(30);
    private const int LiveMinutes = 30;
    private const int ChunkSize = 500;

    private readonly StoreWriteGate _gate = new();
    private readonly ILoggerFactory _loggers;
    private readonly ILoggerFactory _storeLoggers;
    private readonly InboxWriter _writer;
    private readonly InboxProcessor _processor;
    private readonly Lock _feedLock = new();
    private readonly List<FeedUpdate> _feedUpdates = [];
    private IDisposable? _subscription;

    public DemoPipelineFixture()
    {
        _loggers = Logs.CreateFactory();
        // EF Core's Debug entries (one per tracked row, keys only) would triple the run; from Information up it
        // logs every SQL command, where a value inlined into SQL would show.
        _storeLoggers = Logs.CreateFactory(LogLevel.Information);
        Database = new TestDatabase(_storeLoggers);
        Normalizers = new EventNormalizers(new LinkingHasher(Key(1)));
        var protector = new PayloadProtector(Key(101));
        var inbox = new InboxStore(Database.Contexts, _gate, Time);
        var signal = new InboxSignal();
        Feed = new EventFeed(Time, _loggers.CreateLogger<EventFeed>());
        _writer = new InboxWriter(Normalizers.All, protector, inbox, signal);
        _processor = new InboxProcessor(inbox, new EventStore(Database.Contexts, _gate, Time), Normalizers.All, [], protector, Feed, signal, Time,
            _loggers.CreateLogger<InboxProcessor>());
    }

    public TestLoggerProvider Logs { get; } = new();

    public TestClock Time { get; } = new(Start + History);

    public TestDatabase Database { get; }

    public EventNormalizers Normalizers { get; }

    public EventFeed Feed { get; }

    public IReadOnlyList<SimulatedDelivery> Deliveries { get; private set; } = [];

    /// <summary>The personal values of every delivery's raw payload.</summary>
    public SensitiveValues Sensitive { get; private set; } = new();

    public PipelineCounts FirstPass { get; private set; } = null!;

    public IReadOnlyList<FeedUpdate> FeedAfterFirstPass { get; private set; } = [];

    public InboxWriteResult Rewrite { get; private set; }

    public PipelineCounts AfterRewrite { get; private set; } = null!;

    public PipelineCounts AfterReplay { get; private set; } = null!;

    public IReadOnlyList<FeedUpdate> FeedAfterReplay { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await Database.MigrateAsync();
        _subscription = Feed.Subscribe(OnFeedAsync, Throttle);
        // Half the demo's default rate and twice its defects keep the run short with enough of every kind.
        var generator = new DemoTrafficGenerator(new DemoTrafficOptions { Seed = 2026, EventsPerSecond = 2, MalformedShare = 0.01 });
        var deliveries = new List<SimulatedDelivery>(generator.Backfill(Start, Start + History));
        await WriteAsync(deliveries);
        await DrainAsync();
        for (var minute = 0; minute < LiveMinutes; minute++)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            var due = generator.Advance(Time.GetUtcNow());
            deliveries.AddRange(due);
            await WriteAsync(due);
            await DrainAsync();
        }

        Deliveries = deliveries;
        Sensitive = SensitiveValues.Collect(deliveries);
        Time.Advance(Throttle * 2);
        FirstPass = await CountAsync();
        FeedAfterFirstPass = FeedSnapshot();

        Rewrite = await WriteAsync(deliveries);
        await DrainAsync();
        AfterRewrite = await CountAsync();

        await using (var db = await Database.Contexts.CreateDbContextAsync())
        {
            await db.Inbox.ExecuteUpdateAsync(s => s.SetProperty(i => i.State, InboxState.Pending));
        }

        await DrainAsync();
        Time.Advance(Throttle * 2);
        AfterReplay = await CountAsync();
        FeedAfterReplay = FeedSnapshot();
    }

    /// <summary>The dedupe key the inbox writer gives a delivery (its normalizer's key; null when it has none).</summary>
    public InboxKey? KeyOf(SimulatedDelivery delivery) => Normalizers.For(delivery.Source).ReadKey(delivery.Payload);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _subscription?.Dispose();
        _processor.Dispose();
        _gate.Dispose();
        _loggers.Dispose();
        _storeLoggers.Dispose();
        Logs.Dispose();
        Database.Dispose();
    }

    // As the demo service writes: per source, in chunks, received shortly after it happened, flagged as demo.
    private async Task<InboxWriteResult> WriteAsync(IReadOnlyList<SimulatedDelivery> deliveries)
    {
        var now = Time.GetUtcNow();
        var total = new InboxWriteResult(0, 0);
        foreach (var bySource in deliveries.GroupBy(d => d.Source))
        {
            foreach (var chunk in bySource.Chunk(ChunkSize))
            {
                var received = chunk.Select(d => d.OccurredAt.AddMilliseconds(350)).Select(r => r > now ? now : r).ToArray();
                var records = chunk.Select((d, i) => new InboundRecord(d.Source, d.Payload, received[i], IsDemo: true)).ToList();
                var result = await _writer.WriteAsync(records, bySource.Key, state => state.Cursor = "demo", CancellationToken.None);
                total = new InboxWriteResult(total.Added + result.Added, total.Duplicates + result.Duplicates);
            }
        }

        return total;
    }

    private async Task DrainAsync()
    {
        while (await _processor.ProcessOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    private async Task<PipelineCounts> CountAsync()
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        return new PipelineCounts(
            await db.Events.CountAsync(),
            await db.Events.CountAsync(e => !e.IsDemo),
            await db.Quarantine.CountAsync(),
            await db.Inbox.CountAsync(),
            await db.Inbox.CountAsync(i => i.State == InboxState.Pending),
            await db.Inbox.CountAsync(i => i.State == InboxState.Normalized));
    }

    private Task OnFeedAsync(FeedUpdate update, CancellationToken cancellationToken)
    {
        lock (_feedLock)
        {
            _feedUpdates.Add(update);
        }

        return Task.CompletedTask;
    }

    private FeedUpdate[] FeedSnapshot()
    {
        lock (_feedLock)
        {
            return [.. _feedUpdates];
        }
    }

    private static byte[] Key(int first) => Enumerable.Range(first, 32).Select(i => (byte)i).ToArray();
}
