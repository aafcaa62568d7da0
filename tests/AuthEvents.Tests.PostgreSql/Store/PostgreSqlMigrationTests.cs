using AuthEvents.Store;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace AuthEvents.Tests.Store;

/// <summary>
/// The PostgreSQL migrations as <c>dotnet ef</c> sees them, the counterpart of SQLite's <c>StoreMigrationTests</c>: the
/// snapshot matches the model, and migrating an empty database gives the schema EF Core creates for the model.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class PostgreSqlMigrationTests
{
    /// <summary>Tables the store reads and writes with SQL only, outside the EF model; a migration creates each.</summary>
    private static readonly string[] TablesOutsideTheModel = ["generated_secrets", "source_leases", "event_search", "search_backfill"];

    [Fact]
    public async Task Model_AgainstTheGeneratedSnapshot_HasNoPendingChanges()
    {
        using var database = new TestDatabase(StoreProvider.PostgreSql);
        await using var db = await database.Contexts.CreateDbContextAsync();

        var snapshot = db.GetService<IMigrationsAssembly>().ModelSnapshot;

        Assert.NotNull(snapshot);
        Assert.Equal("AuthEvents.Store.PostgreSql.Migrations", snapshot.GetType().Namespace);
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Migrate_EmptyDatabase_CreatesTheTablesEfCoreCreatesForTheModel()
    {
        using var migrated = new TestDatabase(StoreProvider.PostgreSql);
        var created = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString) { Database = "t_" + Guid.NewGuid().ToString("N") }.ToString();
        try
        {
            var options = new DbContextOptionsBuilder<AuthEventsDbContext>();
            StoreServiceCollectionExtensions.UseStore(options, new StoreLocation("unused", created, StoreProvider.PostgreSql));
            await using (var db = new AuthEventsDbContext(options.Options))
            {
                Assert.True(await db.Database.EnsureCreatedAsync());
            }

            var expected = await DescribeTablesAsync(created);

            Assert.Contains(expected, line => line.StartsWith("alerts index IX_alerts_rule_id_alert_key ", StringComparison.Ordinal));
            var actual = await DescribeTablesAsync(migrated.ConnectionString);
            Assert.Equal(expected, actual.Where(line => !TablesOutsideTheModel.Any(t => line.StartsWith(t + " ", StringComparison.Ordinal))));
            Assert.All(TablesOutsideTheModel, t => Assert.Contains(actual, line => line.StartsWith(t + " ", StringComparison.Ordinal)));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(created, CancellationToken.None);
        }
    }

    /// <summary>The public schema's tables: columns (type, nullability, default, identity), indexes and constraints, one line each.</summary>
    private static async Task<List<string>> DescribeTablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        await ReadAsync(connection, lines, """
            SELECT table_name || ' column ' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || COALESCE(column_default, '-') || ' ' || is_identity
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '\_\_EF%'
            """);
        await ReadAsync(connection, lines, "SELECT tablename || ' index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\\_\\_EF%'");
        await ReadAsync(connection, lines, """
            SELECT t.relname || ' constraint ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND t.relname NOT LIKE '\_\_EF%'
            """);
        return lines.Order(StringComparer.Ordinal).ToList();
    }

    private static async Task ReadAsync(NpgsqlConnection connection, List<string> lines, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }
    }
}
