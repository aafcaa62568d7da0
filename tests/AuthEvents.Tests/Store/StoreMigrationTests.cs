using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using AuthEvents.Core.Events;
using AuthEvents.Core.Privacy;
using AuthEvents.Store;
using AuthEvents.Store.Journeys;
using AuthEvents.Store.Migrations.Sqlite;
using AuthEvents.Store.Queries;
using AuthEvents.Store.Search;
using AuthEvents.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AuthEvents.Tests.Store;

/// <summary>
/// The migrations as <c>dotnet ef</c> sees them, and a store written by the release before them (Fixtures/Store, see its
/// README) upgraded in place.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed partial class StoreMigrationTests
{
    private const string ReleaseStore = "release-79f898a.db";

    private static readonly string BaselineId = typeof(Baseline).GetCustomAttribute<MigrationAttribute>()!.Id;

    // The fixed payload key the fixture was written with (bytes 0 to 31; see Fixtures/Store/README.md).
    private static readonly byte[] ReleasePayloadKey = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public async Task Model_AgainstTheGeneratedSnapshot_HasNoPendingChanges()
    {
        using var database = new TestDatabase();
        await using var db = await database.Contexts.CreateDbContextAsync();

        var snapshot = db.GetService<IMigrationsAssembly>().ModelSnapshot;

        Assert.NotNull(snapshot);
        Assert.Equal(typeof(Baseline).Namespace, snapshot.GetType().Namespace);
        Assert.False(db.Database.HasPendingModelChanges());
    }

    // The FTS5 table with its shadow tables, and the bookmark of the events stored before it.
    private static readonly string[] SearchTables = ["events_fts", "events_fts_config", "events_fts_data", "events_fts_docsize", "events_fts_idx", "search_backfill"];

    /// <summary>Tables the store reads and writes with SQL only, outside the EF model; a migration creates each.</summary>
    private static readonly string[] TablesOutsideTheModel = ["generated_secrets", "source_leases", .. SearchTables];

    [Fact]
    public async Task Migrate_EmptyDatabase_CreatesTheTablesEfCoreCreatesForTheModel()
    {
        using var migrated = await new TestDatabase().MigrateAsync();
        using var created = new TestDatabase();
        await using (var db = await created.Contexts.CreateDbContextAsync())
        {
            await db.Database.EnsureCreatedAsync();
        }

        var expected = await DescribeTablesAsync(created.ConnectionString);

        Assert.NotEmpty(expected);
        var actual = await DescribeTablesAsync(migrated.ConnectionString);
        Assert.Equal(expected, actual.Where(line => !TablesOutsideTheModel.Any(t => line.StartsWith(t + " ", StringComparison.Ordinal))));
        Assert.All(TablesOutsideTheModel, t => Assert.Contains(actual, line => line.StartsWith(t + " ", StringComparison.Ordinal)));
    }

    private static readonly string[] AlertTables =
        ["alerts", "alert_channels", "alert_counters", "alert_evidence", "alert_history", "alert_outbox", "alert_rules", "alert_state"];

    private static readonly string[] TablesAddedSinceTheRelease = ["audit", "data_protection_keys", "generated_secrets", "source_leases", .. AlertTables];

    [Fact]
    public async Task Migrate_StoreFromTheRelease_KeepsEveryRowOfEveryTable()
    {
        using var database = FromRelease();
        var before = await ReadRowsAsync(database.ConnectionString);
        var historyBefore = before["__EFMigrationsHistory"];
        before.Remove("__EFMigrationsHistory");

        await using (var db = await database.Contexts.CreateDbContextAsync())
        {
            Assert.Contains(BaselineId, await db.Database.GetPendingMigrationsAsync());
            await db.Database.MigrateAsync();
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        }

        var after = await ReadRowsAsync(database.ConnectionString);
        Assert.All(historyBefore, row => Assert.Contains(row, after["__EFMigrationsHistory"]));
        after.Remove("__EFMigrationsHistory");
        // Tables new since the release start empty; every table the release had keeps its rows.
        Assert.Equal(TablesAddedSinceTheRelease.Concat(SearchTables).Order(StringComparer.Ordinal), after.Keys.Except(before.Keys).Order(StringComparer.Ordinal));
        Assert.All(TablesAddedSinceTheRelease, table => Assert.Empty(after[table]));
        // The search index is filled after start-up, not by the migration: it holds no event yet, and its bookmark spans
        // them all, not yet counted (start-up counts them).
        Assert.Empty(after["events_fts_docsize"]);
        var ids = await ScalarAsync(database.ConnectionString, "SELECT MIN(id) FROM events") + "|" + await ScalarAsync(database.ConnectionString, "SELECT MAX(id) FROM events") + "|1|0|0";
        Assert.Equal([ids], after["search_backfill"]);
        Assert.Empty(before.Keys.Except(after.Keys));
        foreach (var (table, rows) in before)
        {
            Assert.True(rows.Count > 0 || table == "__EFMigrationsLock", $"The fixture's {table} is empty, so it proves nothing.");
            Assert.Equal(rows, after[table]);
        }
    }

    [Fact]
    public async Task Initialize_StoreFromTheRelease_EndsWithTheSchemaOfAFreshStore()
    {
        using var upgraded = FromRelease();
        await upgraded.MigrateAsync();
        using var fresh = await new TestDatabase().MigrateAsync();

        var expected = await ReadSchemaAsync(fresh.ConnectionString);
        var actual = await ReadSchemaAsync(upgraded.ConnectionString);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Initialize_StoreFromTheRelease_ServesItsEventsFailuresJourneysAndPayloads()
    {
        using var database = FromRelease();
        var events = await ScalarAsync(database.ConnectionString, "SELECT COUNT(*) FROM events");
        var failures = await ScalarAsync(database.ConnectionString, $"SELECT COUNT(*) FROM events WHERE outcome = {(int)Outcome.Failure}");
        var reasons = await ScalarAsync(database.ConnectionString, "SELECT COUNT(*) FROM failure_reasons");
        var people = await ScalarAsync(database.ConnectionString, "SELECT COUNT(DISTINCT person_key) FROM events");
        var quarantined = await ScalarAsync(database.ConnectionString, "SELECT COUNT(*) FROM quarantine WHERE resolved_at_ticks IS NULL");
        var inbox = await ScalarAsync(database.ConnectionString, "SELECT COUNT(*) FROM inbox");
        var first = new DateTimeOffset(await ScalarAsync(database.ConnectionString, "SELECT MIN(occurred_at_ticks) FROM events"), TimeSpan.Zero);
        var last = new DateTimeOffset(await ScalarAsync(database.ConnectionString, "SELECT MAX(occurred_at_ticks) FROM events"), TimeSpan.Zero);
        Assert.True(failures > 0 && reasons > 0 && quarantined > 0, "The fixture should hold failures, failure reasons and quarantined records.");

        await database.MigrateAsync();
        // A changed funnel catalog rebuilds the journey index at start-up; this finishes such a rebuild.
        await JourneyIndex.EnsureCurrentAsync(database.Contexts, CancellationToken.None);

        var (from, to) = (new DateTimeOffset(first.UtcDateTime.Date, TimeSpan.Zero), new DateTimeOffset(last.UtcDateTime.Date.AddDays(1), TimeSpan.Zero));
        var queries = new EventQueries(database.Contexts);
        var status = await queries.GetStatusAsync(CancellationToken.None);
        Assert.Equal((true, events, quarantined), (status.Reachable, status.Events, status.QuarantineOpen));
        var page = await queries.PageAsync(EventQuery.All, new EventPageRequest { Take = EventPageRequest.MaxTake }, CancellationToken.None);
        Assert.Equal(events, page.TotalCount);
        Assert.Equal(events, page.Items.Count);
        Assert.Equal(events, await queries.StreamAsync(EventQuery.All, CancellationToken.None).CountAsync());

        var kpis = await new OverviewQueries(database.Contexts).KpisAsync(from, to, null, CancellationToken.None);
        Assert.Equal(events, kpis.Current.Outcomes.Total);
        Assert.Equal(failures, kpis.Current.Outcomes.Failure);
        Assert.Equal(people, kpis.Current.DistinctPeople);
        var failuresPage = await new FailureQueries(database.Contexts).LoadAsync(from, to, null, CancellationToken.None);
        Assert.Equal(reasons, failuresPage.BySource.Total);

        var newest = page.Items.First(e => e.PersonKey is not null);
        var journeys = new PersonJourneyQueries(database.Contexts);
        var person = await journeys.FindAsync((await journeys.ResolveAsync(newest.PersonKey!, CancellationToken.None))!, null, null, 1000, CancellationToken.None);
        Assert.NotNull(person);
        Assert.Contains(person.Events, e => e.Id == newest.Id);

        // The payloads decrypt: AES-GCM's tag fails on any changed byte.
        var protector = new PayloadProtector(ReleasePayloadKey);
        await using var db = await database.Contexts.CreateDbContextAsync();
        var payloads = await db.Inbox.AsNoTracking().Select(i => i.Payload).ToListAsync();
        Assert.Equal(inbox, payloads.Count);
        Assert.All(payloads, p => Assert.NotEmpty(protector.Unprotect(p)));
    }

    [Fact]
    public async Task Initialize_StoreFromTheRelease_IndexesEveryStoredEventForFreeText()
    {
        using var database = FromRelease();
        var events = await ScalarAsync(database.ConnectionString, "SELECT COUNT(*) FROM events");
        var newestId = await ScalarAsync(database.ConnectionString, "SELECT MAX(id) FROM events");

        await database.MigrateAsync();
        // Start-up only counts what is to be indexed; the product's background builder indexes it, here run to the end.
        Assert.Equal(new SearchIndexProgress(0, events), await SearchIndex.ProgressAsync(database.Contexts, CancellationToken.None));
        Assert.Equal(events, await SearchIndex.BackfillAsync(database.Contexts, CancellationToken.None));

        Assert.Equal(events, await ScalarAsync(database.ConnectionString, "SELECT COUNT(*) FROM events_fts_docsize"));
        Assert.Equal(newestId + 1, await ScalarAsync(database.ConnectionString, "SELECT next_id FROM search_backfill"));
        var queries = new EventQueries(database.Contexts);
        var all = await queries.PageAsync(EventQuery.All, new EventPageRequest { Take = EventPageRequest.MaxTake }, CancellationToken.None);
        foreach (var e in all.Items.Where((_, i) => i % 25 == 0))
        {
            // Each sampled event is found by its provider event id (unique) and by its type and milestone together.
            await using var db = await database.Contexts.CreateDbContextAsync();
            var providerId = await db.Events.Where(x => x.Id == e.Id).Select(x => x.ProviderEventId).SingleAsync();
            var byId = await queries.PageAsync(new EventQuery { Text = providerId }, new EventPageRequest(), CancellationToken.None);
            Assert.Contains(byId.Items, x => x.Id == e.Id);
            var byType = await queries.PageAsync(new EventQuery { Text = e.EventType + " " + e.Milestone, From = e.OccurredAt, To = e.OccurredAt.AddTicks(1) }, new EventPageRequest { Take = EventPageRequest.MaxTake }, CancellationToken.None);
            Assert.Contains(byType.Items, x => x.Id == e.Id);
        }

        // A second start has nothing left to index.
        await database.MigrateAsync();
        Assert.Equal(events, await ScalarAsync(database.ConnectionString, "SELECT COUNT(*) FROM events_fts_docsize"));
    }

    [Fact]
    public async Task Migrate_EmptyDatabase_KeepsTheClusteredTablesWithoutRowid()
    {
        using var database = await new TestDatabase().MigrateAsync();

        var schema = await ReadSchemaAsync(database.ConnectionString);

        // EF Core cannot model WITHOUT ROWID: a generated migration that rebuilds one of these tables drops it silently.
        foreach (var table in new[] { "event_rollups", "reason_rollups", "person_rollups", "journey_attempts" })
        {
            Assert.EndsWith("WITHOUT ROWID", schema.Single(s => s.StartsWith($"table {table} ", StringComparison.Ordinal)), StringComparison.Ordinal);
        }
    }

    /// <summary>A test database holding a copy of the release's store, not yet opened by this code.</summary>
    private static TestDatabase FromRelease()
    {
        var database = new TestDatabase();
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Store", ReleaseStore), database.FilePath);
        return database;
    }

    /// <summary>Every table's rows, each as one line of its values (blobs in hex), sorted: WITHOUT ROWID tables have no rowid order.</summary>
    private static async Task<Dictionary<string, List<string>>> ReadRowsAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in await ListAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'"))
        {
            var rows = new List<string>();
            await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The table names come from sqlite_master.
            command.CommandText = $"SELECT * FROM \"{table}\"";
#pragma warning restore CA2100
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i) switch
                {
                    DBNull => "NULL",
                    byte[] blob => Convert.ToHexString(blob),
                    var value => Convert.ToString(value, CultureInfo.InvariantCulture),
                })));
            }

            rows.Sort(StringComparer.Ordinal);
            tables[table] = rows;
        }

        return tables;
    }

    /// <summary>Every table, index and trigger as "type name definition", whitespace and identifier quotes normalised.</summary>
    private static async Task<List<string>> ReadSchemaAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var schema = await ListAsync(connection, "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master");
        return schema.Select(s => Whitespace().Replace(s.Replace("\"", "", StringComparison.Ordinal), " ").Trim()).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The product's tables as SQLite reports them: columns (type, nullability, default, key position), indexes and foreign
    /// keys, one line each. Unlike the CREATE text, this ignores column order and formatting (and WITHOUT ROWID).
    /// </summary>
    private static async Task<List<string>> DescribeTablesAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        var tables = await ListAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND substr(name, 1, 4) <> '__EF'");
        foreach (var table in tables)
        {
            lines.AddRange((await ListAsync(connection, $"SELECT name || ' ' || type || ' ' || \"notnull\" || ' ' || COALESCE(dflt_value, '-') || ' ' || pk FROM pragma_table_xinfo('{table}')"))
                .Select(c => $"{table} column {c}"));
            lines.AddRange((await ListAsync(connection,
                    $"SELECT CASE WHEN l.name LIKE 'sqlite_autoindex%' THEN 'auto' ELSE l.name END || ' ' || l.\"unique\" || ' ' || l.origin || ' ' || " +
                    $"(SELECT group_concat(i.name, ',') FROM pragma_index_info(l.name) i) FROM pragma_index_list('{table}') l"))
                .Select(i => $"{table} index {i}"));
            lines.AddRange((await ListAsync(connection,
                    $"SELECT \"table\" || ' ' || \"from\" || ' ' || \"to\" || ' ' || on_delete FROM pragma_foreign_key_list('{table}')"))
                .Select(f => $"{table} fk {f}"));
        }

        return lines.Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<List<string>> ListAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
