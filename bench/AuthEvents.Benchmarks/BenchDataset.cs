using System.Diagnostics;
using System.Globalization;
using AuthEvents.Core.Inbox;
using AuthEvents.Core.Normalization;
using AuthEvents.Core.Privacy;
using AuthEvents.Demo.Simulation;
using AuthEvents.Store;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Benchmarks;

/// <summary>
/// Builds (or reuses) a benchmark database: the demo simulator's native payloads for every provider, normalized by
/// the product's normalizers and committed through <see cref="EventStore.CommitAsync"/> in batches, so events,
/// failure reasons and every rollup are written by the same code as live traffic. A finished file is cached under
/// the data folder (a <c>.done</c> marker beside it) and reused while the spec and <see cref="DatasetSpec.FormatVersion"/> match.
/// </summary>
internal static class BenchDataset
{
    private const int CommitSize = 5_000;

    public static async Task<BenchStore> OpenAsync(DatasetSpec spec, string dataDirectory, bool rebuild, TextWriter log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, spec.FileName);
        var marker = path + ".done";
        if (rebuild || !File.Exists(marker) || !File.Exists(path))
        {
            Delete(path);
            File.Delete(marker);
            var store = BenchStore.Create(path, spec.Seed);
            var (elapsed, load) = await BuildAsync(store, spec, log, cancellationToken);
            store.Load = load;
            await store.CheckpointAsync(cancellationToken);
            await File.WriteAllTextAsync(marker, string.Create(CultureInfo.InvariantCulture, $"{spec.Events} events loaded in {elapsed.TotalSeconds:F1} s\n"), cancellationToken);
            return store;
        }

        log.WriteLine($"Reusing {path} ({(await File.ReadAllTextAsync(marker, cancellationToken)).Trim()}; --rebuild to load again)");
        var cached = BenchStore.Create(path, spec.Seed);
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

    private static async Task<(TimeSpan Elapsed, LoadReport Load)> BuildAsync(BenchStore store, DatasetSpec spec, TextWriter log, CancellationToken cancellationToken)
    {
        await StoreInitializer.InitializeAsync(store.Contexts, cancellationToken);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Loading {spec.Events:N0} events over {spec.Days} days into {store.Path} through EventStore.CommitAsync ..."));
        var normalizers = new EventNormalizers(store.Services.GetRequiredService<LinkingHasher>());
        var events = store.Services.GetRequiredService<EventStore>();
        // A little above the target rate, so that the target is reached just before the end of the span.
        var generator = new DemoTrafficGenerator(new DemoTrafficOptions
        {
            Seed = spec.Seed,
            EventsPerSecond = spec.Events / (spec.Days * 86_400.0) * 1.03,
            People = spec.People,
            MalformedShare = 0,
        });

        var watch = Stopwatch.StartNew();
        var normalizeTime = TimeSpan.Zero;
        var commitTime = TimeSpan.Zero;
        var tailFrom = spec.Events - (spec.Events / 10);
        var tailTime = TimeSpan.Zero;
        var tailEvents = 0;
        var cursor = spec.Start;
        generator.Advance(cursor);
        long inboxId = 0;
        var stored = 0;
        var duplicates = 0;
        var pending = new List<NormalizedInboxRecord>(CommitSize);
        while (stored < spec.Events)
        {
            cursor = cursor.AddHours(1);
            var generated = Stopwatch.StartNew();
            foreach (var delivery in generator.Advance(cursor))
            {
                var normalizer = normalizers.For(delivery.Source);
                if (normalizer.ReadKey(delivery.Payload) is not { } key)
                {
                    continue;
                }

                var result = normalizer.Normalize(new RawRecord(delivery.Source, key.Tenant, key.ProviderEventId, delivery.Payload, delivery.OccurredAt.AddMilliseconds(350)));
                if (result.Event is { } e)
                {
                    pending.Add(new NormalizedInboxRecord(++inboxId, e.Source, e.ProviderEventId, false, e, null));
                }
            }

            normalizeTime += generated.Elapsed;
            // Bulk: full batches of CommitSize across hours; the last one as large as the dataset still needs.
            var offset = 0;
            while (stored < spec.Events && (pending.Count - offset >= CommitSize || stored + pending.Count - offset >= spec.Events))
            {
                var take = Math.Min(CommitSize, Math.Min(pending.Count - offset, spec.Events - stored));
                var committing = Stopwatch.StartNew();
                var commit = await events.CommitAsync(pending.GetRange(offset, take), cancellationToken);
                commitTime += committing.Elapsed;
                if (stored >= tailFrom)
                {
                    tailTime += committing.Elapsed;
                    tailEvents += commit.NewEvents.Count;
                }

                stored += commit.NewEvents.Count;
                duplicates += commit.Duplicates;
                offset += take;
            }

            pending.RemoveRange(0, offset);
            if (cursor.Hour == 0)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {cursor:yyyy-MM-dd}: {stored,9:N0} events, {watch.Elapsed.TotalSeconds,6:F0} s"));
            }
        }

        watch.Stop();
        var rate = stored / watch.Elapsed.TotalSeconds;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Loaded {stored:N0} events ({duplicates:N0} duplicate deliveries skipped) in {watch.Elapsed.TotalSeconds:F1} s: {rate:N0} events/s overall, of which generating and normalizing took {normalizeTime.TotalSeconds:F1} s and EventStore.CommitAsync {commitTime.TotalSeconds:F1} s."));
        return (watch.Elapsed, new LoadReport(stored, commitTime, tailEvents, tailTime));
    }

    private static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }
}
