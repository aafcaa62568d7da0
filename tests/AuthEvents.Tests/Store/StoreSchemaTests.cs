using AuthEvents.Store;
using AuthEvents.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Tests.Store;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class StoreSchemaTests
{
    [Fact]
    public async Task Migrate_EmptyDatabase_CreatesEveryTableAndColumnOfTheModel()
    {
        using var database = await new TestDatabase().MigrateAsync();
        await using var db = await database.Contexts.CreateDbContextAsync();

        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var expected = entity.GetProperties().Select(p => p.GetColumnName()).Order(StringComparer.Ordinal).ToList();
            var actual = await ColumnsAsync(database.ConnectionString, table);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task Migrate_EmptyDatabase_RecordsTheMigrationAndSwitchesToWal()
    {
        using var database = await new TestDatabase().MigrateAsync();
        await using var db = await database.Contexts.CreateDbContextAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Contains("20261122000001_Initial", await db.Database.GetAppliedMigrationsAsync());
        Assert.Contains("20261122000002_Rollups", await db.Database.GetAppliedMigrationsAsync());
        Assert.Contains("20261122000003_Journeys", await db.Database.GetAppliedMigrationsAsync());
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Migrate_Twice_IsANoOp()
    {
        using var database = await new TestDatabase().MigrateAsync();
        await StoreInitializer.InitializeAsync(database.Contexts, CancellationToken.None);
        await using var db = await database.Contexts.CreateDbContextAsync();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Initialize_StoreFromAPreReleaseBuildMissingAColumnAndATable_FailsNamingThemAndTheFile()
    {
        using var database = await new TestDatabase().MigrateAsync();
        await using (var connection = new SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // The migration history still says current: as for a file made before the first migration gained them.
            command.CommandText = "ALTER TABLE inbox DROP COLUMN payload_format; DROP TABLE journey_state;";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<StoreSchemaMismatchException>(() => StoreInitializer.InitializeAsync(database.Contexts, CancellationToken.None));

        Assert.Equal(["inbox.payload_format", "journey_state"], error.Missing.Order(StringComparer.Ordinal));
        Assert.Contains(database.FilePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("Move the file aside", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_UniqueKeys_ExistOnEventsAndInbox()
    {
        using var database = await new TestDatabase().MigrateAsync();
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE 'CREATE UNIQUE INDEX%' ORDER BY name;";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        Assert.Contains("IX_events_provider_event_id_source_tenant", names);
        Assert.Contains("IX_inbox_source_tenant_provider_event_id", names);
    }

    private static async Task<List<string>> ColumnsAsync(string connectionString, string table)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}');";
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns.Order(StringComparer.Ordinal).ToList();
    }
}
