using System.Data.Common;
using System.Text.RegularExpressions;
using AuthEvents.Core.Inbox;
using AuthEvents.Core.Normalization;
using AuthEvents.Core.Privacy;
using AuthEvents.Demo.Simulation;
using AuthEvents.Store;
using AuthEvents.Store.Journeys;
using AuthEvents.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AuthEvents.Tests.Store;

#pragma warning disable EF1003 // Constant test SQL built from literals.

/// <summary>
/// The batched write path (<see cref="EventStore.CommitAsync"/>) over simulated traffic of every provider: idempotent,
/// rollups exact against a recount from the events, a bounded number of statements per table, and a journey index that
/// a rebuild from the stored events reproduces.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed partial class EventBatchWriterTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly StatementCounter _counter = new();
    private readonly TestDatabase _database;
    private readonly IDbContextFactory<AuthEventsDbContext> _counted;
    private readonly StoreWriteGate _gate = new();
    private readonly TestClock _time = new(Start.AddDays(2));

    public EventBatchWriterTests()
    {
        _database = new TestDatabase();
        _counted = _database.Provider == StoreProvider.Sqlite ? new CountingContexts(_database.ConnectionString, _counter) : _database.Contexts;
    }

    private EventStore Store => new(_counted, _gate, _time);

    [Fact]
    public async Task Commit_ReplayedBatches_StoreNothingTwiceAndRollupsMatchARecount()
    {
        await _database.MigrateAsync();
        var batches = Simulated(1_200).Chunk(400).Select(b => b.ToList()).ToList();
        var stored = 0;
        foreach (var batch in batches)
        {
            stored += (await Store.CommitAsync(batch, CancellationToken.None)).NewEvents.Count;
        }

        var before = await SnapshotAsync();
        var duplicates = 0;
        foreach (var batch in batches)
        {
            var again = await Store.CommitAsync(batch, CancellationToken.None);
            Assert.Empty(again.NewEvents);
            duplicates += again.Duplicates;
        }

        Assert.Equal(batches.Sum(b => b.Count), stored);
        Assert.Equal(stored, duplicates);
        Assert.Equal(before, await SnapshotAsync());
        await AssertRollupsMatchRecountAsync();
    }

    [Fact]
    public async Task Commit_DuplicatesInsideOneBatch_CountedOnce()
    {
        await _database.MigrateAsync();
        var batch = Simulated(300);
        var doubled = batch.Concat(batch.Take(100)).ToList();

        var result = await Store.CommitAsync(doubled, CancellationToken.None);

        Assert.Equal((300, 100), (result.NewEvents.Count, result.Duplicates));
        await AssertRollupsMatchRecountAsync();
    }

#if !POSTGRES
    [Fact]
    public async Task Commit_OneBatch_AtMostOneStatementPerTablePerChunk()
    {
        await _database.MigrateAsync();
        var batch = Simulated(1_000);
        _counter.Clear();

        await Store.CommitAsync(batch, CancellationToken.None);

        await using var db = await _database.Contexts.CreateDbContextAsync();
        var events = await db.Events.CountAsync();
        var reasons = await db.FailureReasons.CountAsync();
        var journeyEvents = await db.Set<JourneyEventRecord>().CountAsync();
        // BatchSql puts about 130 parameters in a statement on SQLite: that many values per statement, whole rows.
        static int Chunks(int rows, int columns) => (rows + Math.Max(1, 130 / columns) - 1) / Math.Max(1, 130 / columns);
        Assert.Equal(Chunks(events, 26), _counter.Writes("events"));
        Assert.Equal(Chunks(reasons, 7), _counter.Writes("failure_reasons"));
        Assert.Equal(Chunks(journeyEvents, 14), _counter.Writes("journey_events"));
        Assert.Equal(Chunks(batch.Count, 1), _counter.Writes("UPDATE inbox"));
        // Rollup rows are upserted once per key, so a table's statements are bounded by its keys over the chunk size.
        Assert.True(_counter.Writes("event_rollups") <= Chunks(await db.EventRollups.CountAsync(), 10), _counter.Describe());
        Assert.True(_counter.Writes("reason_rollups") <= Chunks(await db.ReasonRollups.CountAsync(), 8), _counter.Describe());
        Assert.True(_counter.Writes("person_rollups") <= Chunks(await db.PersonRollups.CountAsync(), 6), _counter.Describe());
        Assert.True(_counter.Writes("journey_attempts") <= Chunks(await db.Set<JourneyAttemptRecord>().CountAsync(), 14) + 1, _counter.Describe());
        // New identities go in at the end of the batch, and before each merge of people (one UPDATE journey_events each):
        // roots and joined identities, each in full chunks plus at most one partial.
        var flushes = 1 + _counter.Writes("UPDATE journey_events");
        Assert.InRange(_counter.Writes("journey_identities"), 1, Chunks(await db.Set<JourneyIdentityRecord>().CountAsync(), 8) + (2 * flushes));
        // Fewer writing statements than events (the old path ran several per event). Reads are not summed: SQLite's
        // trace also reports the statements FTS5 runs on its own tables.
        Assert.True(_counter.TotalWrites < events, _counter.Describe());
    }
#endif

    [Fact]
    public async Task Rebuild_FromStoredEvents_EqualsTheIndexMaintainedOnWrite()
    {
        await _database.MigrateAsync();
        foreach (var batch in Simulated(1_500).Chunk(250))
        {
            await Store.CommitAsync(batch.ToList(), CancellationToken.None);
        }

        var maintained = await JourneySnapshotAsync();
        await using (var db = await _database.Contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM journey_state;");
        }

        var indexed = await JourneyIndex.EnsureCurrentAsync(_database.Contexts, CancellationToken.None);

        Assert.Equal(1_500, indexed);
        var rebuilt = await JourneySnapshotAsync();
        Assert.NotEmpty(maintained.Attempts);
        Assert.Equal(maintained.People, rebuilt.People);
        Assert.Equal(maintained.Attempts, rebuilt.Attempts);
    }

    [Fact]
    public async Task Commit_TwoNodesConcurrently_RollupsAndJourneyIndexAsIfOneNodeWroteEverything()
    {
        await _database.MigrateAsync();
        // Two nodes: their own write gates, one database. Each takes every other batch, so one person's events are split.
        using var otherGate = new StoreWriteGate();
        var nodes = new[] { new EventStore(_database.Contexts, _gate, _time), new EventStore(_database.Contexts, otherGate, _time) };
        var batches = Simulated(1_600).Chunk(100).Select(b => b.ToList()).ToList();

        var stored = await Task.WhenAll(nodes.Select((node, n) => Task.Run(async () =>
        {
            var count = 0;
            foreach (var batch in batches.Where((_, i) => i % 2 == n))
            {
                count += (await node.CommitAsync(batch, CancellationToken.None)).NewEvents.Count;
            }

            return count;
        })));
        var maintained = await JourneySnapshotAsync();
        await using (var db = await _database.Contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM journey_state;");
        }

        await JourneyIndex.EnsureCurrentAsync(_database.Contexts, CancellationToken.None);
        var rebuilt = await JourneySnapshotAsync();

        Assert.Equal(1_600, stored.Sum());
        await AssertRollupsMatchRecountAsync();
        Assert.NotEmpty(maintained.Attempts);
        Assert.Equal(rebuilt.People, maintained.People);
        Assert.Equal(rebuilt.Attempts, maintained.Attempts);
    }

#if POSTGRES
    [Fact]
    public async Task Startup_TwoNodesTogetherWhileCommitting_BackfillIndexesEachEventOnceAndJourneyIndexEqualsARebuild()
    {
        await _database.MigrateAsync();
        var all = Simulated(2_000);
        foreach (var batch in all.Take(1_600).Chunk(400))
        {
            await Store.CommitAsync(batch.ToList(), CancellationToken.None);
        }

        // As an upgrade finds the store: search documents of another version, journeys of other funnel definitions.
        await using (var db = await _database.Contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE search_backfill SET version = 0; DELETE FROM journey_state;");
        }

        // Two nodes (their own write gates) start together: each initializes, then runs both background indexers a chunk
        // at a time, committing its half of 400 new events in between.
        using var otherGate = new StoreWriteGate();
        var gates = new[] { _gate, otherGate };
        await Task.WhenAll(gates.Select((gate, n) => Task.Run(async () =>
        {
            await StoreInitializer.InitializeAsync(_database.Contexts, CancellationToken.None);
            var node = new EventStore(_database.Contexts, gate, _time);
            var mine = all.Skip(1_600).Where((_, i) => i % 2 == n).Chunk(20).ToList();
            var search = await AuthEvents.Store.Search.SearchIndex.ProgressAsync(_database.Contexts, CancellationToken.None);
            var journeys = await JourneyIndex.ProgressAsync(_database.Contexts, CancellationToken.None);
            for (var k = 0; search.Building || journeys.Building || k < mine.Count; k++)
            {
                if (search.Building)
                {
                    search = await AuthEvents.Store.Search.SearchIndex.BackfillNextAsync(_database.Contexts, gate, 100, CancellationToken.None);
                }

                if (journeys.Building)
                {
                    journeys = await JourneyIndex.RebuildNextAsync(_database.Contexts, gate, 100, CancellationToken.None);
                }

                if (k < mine.Count)
                {
                    await node.CommitAsync(mine[k].ToList(), CancellationToken.None);
                }
            }
        })));
        var maintained = await JourneySnapshotAsync();
        await using (var db = await _database.Contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM journey_state;");
        }

        await JourneyIndex.EnsureCurrentAsync(_database.Contexts, CancellationToken.None);
        var rebuilt = await JourneySnapshotAsync();

        await using var after = await _database.Contexts.CreateDbContextAsync();
        // Each chunk counted once: the two nodes' chunks add up to the events stored before the start, no more.
        Assert.Equal(["1600/1600"], await after.Database.SqlQueryRaw<string>("SELECT done || '/' || total AS \"Value\" FROM search_backfill").ToListAsync());
        Assert.Equal(2_000, await after.Events.CountAsync());
        Assert.Equal(2_000, await after.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM event_search s JOIN events e ON e.id = s.event_id").SingleAsync());
        Assert.Equal(AuthEvents.Store.Search.SearchIndexProgress.Current, await AuthEvents.Store.Search.SearchIndex.ProgressAsync(_database.Contexts, CancellationToken.None));
        Assert.Equal(JourneyIndexProgress.Current, await JourneyIndex.ProgressAsync(_database.Contexts, CancellationToken.None));
        Assert.NotEmpty(maintained.Attempts);
        Assert.Equal(rebuilt.People, maintained.People);
        Assert.Equal(rebuilt.Attempts, maintained.Attempts);
    }
#endif

    /// <summary>Normalized simulator traffic of every provider, as the benchmark loads it.</summary>
    private static List<NormalizedInboxRecord> Simulated(int count)
    {
        var normalizers = new EventNormalizers(new LinkingHasher(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));
        var generator = new DemoTrafficGenerator(new DemoTrafficOptions { Seed = 7, EventsPerSecond = 0.05, People = 200, MalformedShare = 0 });
        var cursor = Start;
        generator.Advance(cursor);
        var records = new List<NormalizedInboxRecord>();
        while (records.Count < count)
        {
            cursor = cursor.AddHours(1);
            foreach (var delivery in generator.Advance(cursor))
            {
                var normalizer = normalizers.For(delivery.Source);
                if (normalizer.ReadKey(delivery.Payload) is { } key
                    && normalizer.Normalize(new RawRecord(delivery.Source, key.Tenant, key.ProviderEventId, delivery.Payload, delivery.OccurredAt)).Event is { } e
                    && records.Count < count)
                {
                    records.Add(new NormalizedInboxRecord(records.Count + 1, e.Source, e.ProviderEventId, false, e, null));
                }
            }
        }

        return records;
    }

    private async Task<string> SnapshotAsync()
    {
        await using var db = await _database.Contexts.CreateDbContextAsync();
        var rows = new List<string>();
        foreach (var sql in new[]
        {
            "SELECT COUNT(*) || '/' || COALESCE(SUM(id), 0) FROM events",
            "SELECT COUNT(*) FROM failure_reasons",
            "SELECT COUNT(*) || '/' || SUM(\"count\") FROM event_rollups",
            "SELECT COUNT(*) || '/' || SUM(\"count\") FROM reason_rollups",
            "SELECT COUNT(*) || '/' || SUM(CASE WHEN idv_started THEN 1 ELSE 0 END) || '/' || SUM(CASE WHEN idv_completed THEN 1 ELSE 0 END) FROM person_rollups",
            "SELECT COUNT(*) FROM journey_events",
            "SELECT COUNT(*) FROM journey_attempts",
            "SELECT COUNT(*) FROM journey_identities",
        })
        {
            rows.Add(await db.Database.SqlQueryRaw<string>("SELECT CAST((" + sql + ") AS TEXT) AS \"Value\"").SingleAsync());
        }

        return string.Join(" ", rows);
    }

    /// <summary>Each rollup table against the same counts taken from the stored events with GROUP BY.</summary>
    private async Task AssertRollupsMatchRecountAsync()
    {
        await using var db = await _database.Contexts.CreateDbContextAsync();
        foreach (var (grain, size) in new[] { (1, TimeSpan.TicksPerMinute), (60, TimeSpan.TicksPerHour), (1440, TimeSpan.TicksPerDay) })
        {
            var bucket = $"(occurred_at_ticks - occurred_at_ticks % {size})";
            await AssertSameAsync(db,
                $"SELECT bucket_ticks || '|' || source || '|' || event_type || '|' || milestone || '|' || outcome || '|' || country || '|' || authenticator || '|' || is_demo || '|' || \"count\" AS \"Value\" FROM event_rollups WHERE grain = {grain}",
                $"SELECT {bucket} || '|' || source || '|' || event_type || '|' || milestone || '|' || outcome || '|' || COALESCE(country, '') || '|' || COALESCE(authenticator, '') || '|' || is_demo || '|' || COUNT(*) AS \"Value\" FROM events GROUP BY {bucket}, source, event_type, milestone, outcome, country, authenticator, is_demo");
            await AssertSameAsync(db,
                $"SELECT bucket_ticks || '|' || source || '|' || event_type || '|' || field || '|' || code || '|' || canonical || '|' || \"count\" AS \"Value\" FROM reason_rollups WHERE grain = {grain}",
                $"SELECT {bucket} || '|' || source || '|' || event_type || '|' || field || '|' || code || '|' || canonical || '|' || COUNT(*) AS \"Value\" FROM failure_reasons GROUP BY {bucket}, source, event_type, field, code, canonical");
            if (grain != 1)
            {
                var eventBucket = $"(e.occurred_at_ticks - e.occurred_at_ticks % {size})";
                await AssertSameAsync(db,
                    $"SELECT r.bucket_ticks || '|' || r.source || '|' || p.person_key || '|' || CASE WHEN r.idv_started THEN 1 ELSE 0 END || '|' || CASE WHEN r.idv_completed THEN 1 ELSE 0 END AS \"Value\" FROM person_rollups r JOIN rollup_people p ON p.id = r.person_id WHERE r.grain = {grain}",
                    $"SELECT {eventBucket} || '|' || e.source || '|' || e.person_key || '|' || MAX(CASE WHEN substr(e.milestone, 1, 4) = 'idv.' THEN 1 ELSE 0 END) || '|' || MAX(CASE WHEN e.milestone = 'idv.complete' AND e.outcome = 1 THEN 1 ELSE 0 END) AS \"Value\" FROM events e WHERE e.person_key IS NOT NULL GROUP BY {eventBucket}, e.source, e.person_key");
            }
        }
    }

    private static async Task AssertSameAsync(AuthEventsDbContext db, string rollup, string recount)
    {
        var written = (await db.Database.SqlQueryRaw<string>(rollup).ToListAsync()).Order(StringComparer.Ordinal).ToList();
        var counted = (await db.Database.SqlQueryRaw<string>(recount).ToListAsync()).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(counted);
        Assert.Equal(counted, written);
    }

    /// <summary>The index in terms that do not depend on row ids: each person as their identity keys, each attempt by its person's keys.</summary>
    private async Task<(List<string> People, List<string> Attempts)> JourneySnapshotAsync()
    {
        await using var db = await _database.Contexts.CreateDbContextAsync();
        const string PersonKeys = "(SELECT string_agg(identity_key, ',' ORDER BY identity_key) FROM journey_identities i WHERE i.id = {0} OR i.root_id = {0})";
        var hex = _database.Provider == StoreProvider.Sqlite ? "hex(a.summary)" : "encode(a.summary, 'hex')";
        var people = await db.Database.SqlQueryRaw<string>(
            "SELECT " + string.Format(System.Globalization.CultureInfo.InvariantCulture, PersonKeys, "j.person_id") + " || ':' || string_agg(CAST(j.event_id AS TEXT), ',' ORDER BY j.event_id) AS \"Value\" FROM journey_events j GROUP BY j.person_id").ToListAsync();
        var attempts = await db.Database.SqlQueryRaw<string>(
            "SELECT a.funnel || '|' || a.start_ticks || '|' || " + string.Format(System.Globalization.CultureInfo.InvariantCulture, PersonKeys, "a.person_id") +
            " || '|' || a.rank || '|' || " + hex + " || '|' || a.failures || '|' || COALESCE(CAST(a.last_failure_event_id AS TEXT), '') || '|' || COALESCE(a.country, '') AS \"Value\" FROM journey_attempts a").ToListAsync();
        return (people.Order(StringComparer.Ordinal).ToList(), attempts.Order(StringComparer.Ordinal).ToList());
    }

    public void Dispose()
    {
        _gate.Dispose();
        _database.Dispose();
    }

    /// <summary>
    /// Counts the statements SQLite runs on the context's connections: inserts per table (an upsert is an insert), updates
    /// and deletes as "UPDATE table" and "DELETE FROM table": the write path's own commands bypass EF's command interceptors, so this hooks SQLite's trace.
    /// </summary>
    private sealed partial class StatementCounter : DbConnectionInterceptor
    {
        private readonly Dictionary<string, int> _writes = new(StringComparer.Ordinal);
        private readonly Lock _lock = new();
        private int _total;

        public int Total
        {
            get
            {
                lock (_lock)
                {
                    return _total;
                }
            }
        }

        public int TotalWrites
        {
            get
            {
                lock (_lock)
                {
                    return _writes.Values.Sum();
                }
            }
        }

        public int Writes(string table)
        {
            lock (_lock)
            {
                return _writes.GetValueOrDefault(table);
            }
        }

        public void Clear()
        {
            lock (_lock)
            {
                _writes.Clear();
                _total = 0;
            }
        }

        public string Describe()
        {
            lock (_lock)
            {
                return $"total {_total}: " + string.Join(", ", _writes.Select(w => $"{w.Key} {w.Value}"));
            }
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Hook(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Hook(connection);
            return Task.CompletedTask;
        }

        private void Hook(DbConnection connection) =>
            SQLitePCL.raw.sqlite3_trace(((SqliteConnection)connection).Handle, (_, sql) => Count(sql), null);

        private void Count(string sql)
        {
            lock (_lock)
            {
                _total++;
                if (WriteTarget().Match(sql) is { Success: true } match)
                {
                    var table = match.Groups[1].Value.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) ? match.Groups[2].Value : match.Groups[1].Value + " " + match.Groups[2].Value;
                    _writes[table] = _writes.GetValueOrDefault(table) + 1;
                }
            }
        }

        [GeneratedRegex(@"^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+""?(\w+)", RegexOptions.IgnoreCase)]
        private static partial Regex WriteTarget();
    }

    /// <summary>The test database's contexts with <see cref="StatementCounter"/> attached.</summary>
    private sealed class CountingContexts(string connectionString, StatementCounter counter) : IDbContextFactory<AuthEventsDbContext>
    {
        private readonly DbContextOptions<AuthEventsDbContext> _options =
            new DbContextOptionsBuilder<AuthEventsDbContext>().UseSqlite(connectionString).AddInterceptors(counter).Options;

        public AuthEventsDbContext CreateDbContext() => new(_options);
    }
}
