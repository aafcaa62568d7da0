using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using AuthEvents.Core.Inbox;
using AuthEvents.Core.Normalization;
using AuthEvents.Core.Privacy;
using AuthEvents.Demo.Simulation;
using AuthEvents.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Benchmarks;

/// <summary>One timed ingest run over batches generated beforehand: <see cref="Writers"/> concurrent writers, wall-clock time.</summary>
internal sealed record IngestSample(int Writers, long Events, TimeSpan Wall)
{
    public double Rate => Events / Wall.TotalSeconds;
}

/// <summary>
/// What loading measured up to a checkpoint: the events loaded since the previous one and the wall time it took (the
/// simulator generating and the normalizers normalizing beside the writers), and the timed ingest samples taken just
/// before the checkpoint.
/// </summary>
internal sealed record LoadReport(long Stored, long Loaded, TimeSpan Wall, TimeSpan Generate, int Writers, IReadOnlyList<IngestSample> Samples)
{
    public double Rate => Loaded / Wall.TotalSeconds;
}

/// <summary>
/// Builds (or reuses) a benchmark database: the demo simulator's native payloads for every provider, normalized by
/// the product's normalizers and committed through <see cref="EventStore.CommitAsync"/> in batches, so events,
/// failure reasons and every rollup are written by the same code as live traffic. A finished dataset is cached and
/// reused while the spec and <see cref="DatasetSpec.FormatVersion"/> match: on SQLite a file under the data folder with
/// a <c>.done</c> marker beside it, on PostgreSQL a database named after the spec with a marker table (see <see cref="BenchServer"/>).
/// </summary>
internal static class BenchDataset
{
    public const int CommitSize = 5_000;

    /// <summary>
    /// Opens the dataset of <paramref name="options"/>, loading it when it is not cached. While loading, each of
    /// <see cref="BenchOptions.Checkpoints"/> below the full size pauses the load and calls <paramref name="atCheckpoint"/>
    /// with the store as it is then; the full size is the caller's (the store's <see cref="BenchStore.Load"/> then says what loading it measured).
    /// </summary>
    public static async Task<BenchStore> OpenAsync(BenchOptions options, BenchServer? server, TextWriter log, Func<BenchStore, LoadReport, Task>? atCheckpoint, CancellationToken cancellationToken)
    {
        var spec = options.Spec;
        Directory.CreateDirectory(options.DataDirectory);
        if (options.Provider == StoreProvider.PostgreSql)
        {
            ArgumentNullException.ThrowIfNull(server);
            var database = spec.DatabaseName;
            var loaded = options.Rebuild ? null : await server.LoadedAsync(database, cancellationToken);
            if (loaded is null)
            {
                await server.RecreateAsync(database, cancellationToken);
                var store = BenchStore.CreatePostgreSql(server.ForDatabase(database), options.DataDirectory, spec.Seed, "bench-writer-1");
                var elapsed = await LoadAsync(store, options, $"database {database} ({server.Describe()})", log, atCheckpoint, cancellationToken);
                await server.MarkLoadedAsync(database, Loaded(spec, elapsed), cancellationToken);
                return store;
            }

            log.WriteLine($"Reusing database {database} on {server.Describe()} ({loaded}; --rebuild to load again)");
            return await ReuseAsync(BenchStore.CreatePostgreSql(server.ForDatabase(database), options.DataDirectory, spec.Seed, "bench-writer-1"), log, cancellationToken);
        }

        var path = Path.Combine(options.DataDirectory, spec.FileName);
        var marker = path + ".done";
        if (options.Rebuild || !File.Exists(marker) || !File.Exists(path))
        {
            Delete(path);
            File.Delete(marker);
            var store = BenchStore.Create(path, spec.Seed);
            var elapsed = await LoadAsync(store, options, path, log, atCheckpoint, cancellationToken);
            await store.CheckpointAsync(cancellationToken);
            await File.WriteAllTextAsync(marker, Loaded(spec, elapsed) + "\n", cancellationToken);
            return store;
        }

        log.WriteLine($"Reusing {path} ({(await File.ReadAllTextAsync(marker, cancellationToken)).Trim()}; --rebuild to load again)");
        return await ReuseAsync(BenchStore.Create(path, spec.Seed), log, cancellationToken);
    }

    private static string Loaded(DatasetSpec spec, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{spec.Events} events loaded in {elapsed.TotalSeconds:F1} s");

    private static async Task<BenchStore> ReuseAsync(BenchStore cached, TextWriter log, CancellationToken cancellationToken)
    {
        var opening = Stopwatch.StartNew();
        await StoreInitializer.InitializeAsync(cached.Contexts, cancellationToken);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Opened in {opening.Elapsed.TotalSeconds:F1} s (migrations)."));
        // Nothing indexes in the background here: events stored before the search index (or before its document rules
        // changed) are indexed for free text, and a journey index from older funnel definitions is rebuilt, before timing.
        var backfill = Stopwatch.StartNew();
        var searchIndexed = await AuthEvents.Store.Search.SearchIndex.BackfillAsync(cached.Contexts, cancellationToken);
        if (searchIndexed > 0)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Indexed {searchIndexed:N0} older events for free text in {backfill.Elapsed.TotalSeconds:F1} s."));
        }

        var reindexed = await AuthEvents.Store.Journeys.JourneyIndex.EnsureCurrentAsync(cached.Contexts, cancellationToken);
        if (reindexed > 0)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Re-indexed the journeys of {reindexed:N0} events (funnel definitions changed)."));
        }

        return cached;
    }

    private static async Task<TimeSpan> LoadAsync(BenchStore store, BenchOptions options, string where, TextWriter log, Func<BenchStore, LoadReport, Task>? atCheckpoint, CancellationToken cancellationToken)
    {
        await StoreInitializer.InitializeAsync(store.Contexts, cancellationToken);
        await using var loader = new Loader(store, options, log);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Loading {options.Spec.Events:N0} events over {options.Spec.Days} days into {where} through EventStore.CommitAsync, {loader.BulkWriters} writer(s) ..."));
        var watch = Stopwatch.StartNew();
        var targets = options.Checkpoints.Where(c => c < options.Spec.Events).Append(options.Spec.Events).ToList();
        foreach (var target in targets)
        {
            var report = await loader.LoadToAsync(target, cancellationToken);
            store.Load = report;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Loaded {report.Stored:N0} events ({loader.Duplicates:N0} duplicate deliveries skipped so far); this stretch {report.Loaded:N0} in {report.Wall.TotalSeconds:F1} s, {report.Rate:N0} events/s, generating and normalizing {report.Generate.TotalSeconds:F1} s of it."));
            if (target < options.Spec.Events && atCheckpoint is not null)
            {
                await atCheckpoint(store, report);
            }
        }

        return watch.Elapsed;
    }

    private static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    /// <summary>
    /// Loads in stretches up to each checkpoint. The bulk of a stretch streams: one task generates and normalizes batches
    /// while the writers commit them. Just before the checkpoint, <see cref="BenchOptions.Sample"/> events are generated
    /// first and then timed through one writer, and on PostgreSQL the next as many through two writers at once (each
    /// with its own service provider and <see cref="EventStore"/>, like two nodes, committing alternate batches).
    /// </summary>
    private sealed class Loader(BenchStore primary, BenchOptions options, TextWriter log) : IAsyncDisposable
    {
        private readonly List<BenchStore> _others = [];
        private readonly SimulatedTraffic _traffic = new(options.Spec, primary.Services.GetRequiredService<LinkingHasher>());
        private readonly Stopwatch _clock = new();
        private readonly object _progress = new();
        private long _stored;
        private long _duplicates;
        private long _nextReport;

        public int BulkWriters => primary.Provider == StoreProvider.PostgreSql ? options.Writers : 1;

        public long Duplicates => Interlocked.Read(ref _duplicates);

        private long Progress => Math.Max(CommitSize, options.Spec.Events / 20);

        public async Task<LoadReport> LoadToAsync(long target, CancellationToken cancellationToken)
        {
            _clock.Start();
            var watch = Stopwatch.StartNew();
            var from = _stored;
            var generatedBefore = _traffic.GenerateTime;
            var twoWriters = primary.Provider == StoreProvider.PostgreSql;
            var phases = twoWriters ? 2 : 1;
            var sample = (int)Math.Min(options.Sample, (target - _stored) / (2 * phases)) / CommitSize * CommitSize;
            if (sample < 2 * CommitSize)
            {
                sample = 0;
            }

            await StreamAsync(target - (phases * sample), await WritersAsync(BulkWriters, cancellationToken), cancellationToken);
            var samples = new List<IngestSample>();
            if (sample > 0)
            {
                samples.Add(await SampleAsync(sample, [primary], cancellationToken));
                if (twoWriters)
                {
                    samples.Add(await SampleAsync(sample, await WritersAsync(2, cancellationToken), cancellationToken));
                }
            }

            // Duplicate deliveries are not stored: top up to the checkpoint.
            await StreamAsync(target, [primary], cancellationToken);
            _clock.Stop();
            return new LoadReport(_stored, _stored - from, watch.Elapsed, _traffic.GenerateTime - generatedBefore, BulkWriters, samples);
        }

        private async Task<IReadOnlyList<BenchStore>> WritersAsync(int count, CancellationToken cancellationToken)
        {
            while (_others.Count < count - 1)
            {
                var node = BenchStore.CreatePostgreSql(primary.ConnectionString, options.DataDirectory, options.Spec.Seed, "bench-writer-" + (_others.Count + 2).ToString(CultureInfo.InvariantCulture));
                await StoreInitializer.InitializeAsync(node.Contexts, cancellationToken);
                _others.Add(node);
            }

            return [primary, .. _others.Take(count - 1)];
        }

        /// <summary>Generates in one task while <paramref name="writers"/> commit, until <paramref name="target"/> events are stored.</summary>
        private async Task StreamAsync(long target, IReadOnlyList<BenchStore> writers, CancellationToken cancellationToken)
        {
            while (_stored < target)
            {
                var records = target - _stored;
                var channel = Channel.CreateBounded<List<NormalizedInboxRecord>>(new BoundedChannelOptions(4) { SingleWriter = true });
                var producer = Task.Run(async () =>
                {
                    try
                    {
                        for (var left = records; left > 0; left -= CommitSize)
                        {
                            await channel.Writer.WriteAsync(_traffic.Take((int)Math.Min(CommitSize, left)), cancellationToken);
                        }

                        channel.Writer.TryComplete();
                    }
                    catch (Exception e)
                    {
                        channel.Writer.TryComplete(e);
                        throw;
                    }
                }, cancellationToken);
                var consumers = writers.Select(writer => Task.Run(async () =>
                {
                    await foreach (var batch in channel.Reader.ReadAllAsync(cancellationToken))
                    {
                        await CommitAsync(writer, batch, cancellationToken);
                    }
                }, cancellationToken)).ToList();
                await Task.WhenAll([producer, .. consumers]);
            }
        }

        /// <summary>Generates <paramref name="records"/> records first, then times committing them through <paramref name="writers"/> at once.</summary>
        private async Task<IngestSample> SampleAsync(int records, IReadOnlyList<BenchStore> writers, CancellationToken cancellationToken)
        {
            var batches = new ConcurrentQueue<List<NormalizedInboxRecord>>();
            for (var left = records; left > 0; left -= CommitSize)
            {
                batches.Enqueue(_traffic.Take(Math.Min(CommitSize, left)));
            }

            var before = _stored;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(writers.Select(writer => Task.Run(async () =>
            {
                while (batches.TryDequeue(out var batch))
                {
                    await CommitAsync(writer, batch, cancellationToken);
                }
            }, cancellationToken)));
            var sample = new IngestSample(writers.Count, _stored - before, watch.Elapsed);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  timed: {sample.Events:N0} events through {writers.Count} writer(s) in {sample.Wall.TotalSeconds:F1} s: {sample.Rate:N0} events/s (store at {_stored:N0})"));
            return sample;
        }

        private async Task CommitAsync(BenchStore writer, List<NormalizedInboxRecord> batch, CancellationToken cancellationToken)
        {
            var result = await writer.Events.CommitAsync(batch, cancellationToken);
            var stored = Interlocked.Add(ref _stored, result.NewEvents.Count);
            Interlocked.Add(ref _duplicates, result.Duplicates);
            lock (_progress)
            {
                if (stored >= _nextReport)
                {
                    _nextReport = (stored / Progress + 1) * Progress;
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {stored,11:N0} events, simulated time {_traffic.Cursor:yyyy-MM-dd HH:mm}, {_clock.Elapsed.TotalSeconds,6:F0} s loading"));
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var other in _others)
            {
                await other.DisposeAsync();
            }
        }
    }

    /// <summary>The simulator's deliveries, normalized, hour by hour from the spec's start, handed out in order.</summary>
    private sealed class SimulatedTraffic
    {
        private readonly DemoTrafficGenerator _generator;
        private readonly EventNormalizers _normalizers;
        private readonly Queue<NormalizedInboxRecord> _pending = new();
        private long _inboxId;

        public SimulatedTraffic(DatasetSpec spec, LinkingHasher hasher)
        {
            _normalizers = new EventNormalizers(hasher);
            // A little above the target rate, so that the target is reached just before the end of the span.
            _generator = new DemoTrafficGenerator(new DemoTrafficOptions
            {
                Seed = spec.Seed,
                EventsPerSecond = spec.Events / (spec.Days * 86_400.0) * 1.03,
                People = spec.People,
                MalformedShare = 0,
            });
            Cursor = spec.Start;
            _generator.Advance(Cursor);
        }

        public DateTimeOffset Cursor { get; private set; }

        public TimeSpan GenerateTime { get; private set; }

        public List<NormalizedInboxRecord> Take(int count)
        {
            var watch = Stopwatch.StartNew();
            while (_pending.Count < count)
            {
                Cursor = Cursor.AddHours(1);
                foreach (var delivery in _generator.Advance(Cursor))
                {
                    var normalizer = _normalizers.For(delivery.Source);
                    if (normalizer.ReadKey(delivery.Payload) is not { } key)
                    {
                        continue;
                    }

                    var result = normalizer.Normalize(new RawRecord(delivery.Source, key.Tenant, key.ProviderEventId, delivery.Payload, delivery.OccurredAt.AddMilliseconds(350)));
                    if (result.Event is { } e)
                    {
                        _pending.Enqueue(new NormalizedInboxRecord(++_inboxId, e.Source, e.ProviderEventId, false, e, null));
                    }
                }
            }

            var batch = new List<NormalizedInboxRecord>(count);
            while (batch.Count < count)
            {
                batch.Add(_pending.Dequeue());
            }

            GenerateTime += watch.Elapsed;
            return batch;
        }
    }
}
