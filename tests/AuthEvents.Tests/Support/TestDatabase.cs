using System.Text;
using AuthEvents.Store;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Tests.Support;

/// <summary>
/// A fresh database per test, migrated with the product's own migrations, removed afterwards: a SQLite file, or in the
/// PostgreSQL test project (<see cref="DefaultProvider"/>) a database of its own on the test server.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    /// <summary>
    /// The provider a test gets unless it asks for one. The PostgreSQL test project compiles the same store, pipeline and
    /// query tests with <c>POSTGRES</c> defined, so every one of them runs against both providers.
    /// </summary>
#if POSTGRES
    public const StoreProvider DefaultProvider = StoreProvider.PostgreSql;
#else
    public const StoreProvider DefaultProvider = StoreProvider.Sqlite;
#endif

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "authevents-tests", Guid.NewGuid().ToString("N"));

    public TestDatabase()
        : this(DefaultProvider, null)
    {
    }

    /// <summary>With <paramref name="loggerFactory"/>, EF Core logs there, as it logs to the host's loggers in the product.</summary>
    public TestDatabase(ILoggerFactory? loggerFactory)
        : this(DefaultProvider, loggerFactory)
    {
    }

    /// <summary>A database of <paramref name="provider"/>; with <paramref name="loggerFactory"/>, EF Core logs there.</summary>
    public TestDatabase(StoreProvider provider, ILoggerFactory? loggerFactory = null)
    {
        Provider = provider;
        Directory.CreateDirectory(_directory);
        ConnectionString = provider == StoreProvider.PostgreSql
            ? TestPostgres.CreateDatabaseAsync(CancellationToken.None).GetAwaiter().GetResult()
            : new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "test.db"), Pooling = false }.ToString();
        var options = new DbContextOptionsBuilder<AuthEventsDbContext>();
        StoreServiceCollectionExtensions.UseStore(options, Location);
        if (loggerFactory is not null)
        {
            options.UseLoggerFactory(loggerFactory);
        }

        Contexts = new TestContextFactory(options.Options);
    }

    public StoreProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Where the product would find this database (its data folder is the test's own folder).</summary>
    public StoreLocation Location => new(_directory, ConnectionString, Provider);

    public string FilePath => Path.Combine(_directory, "test.db");

    public IDbContextFactory<AuthEventsDbContext> Contexts { get; }

    public async Task<TestDatabase> MigrateAsync()
    {
        await StoreInitializer.InitializeAsync(Contexts, CancellationToken.None);
        return this;
    }

    /// <summary>
    /// Every text value in every table, one per line, as SQLite returns it. Unlike the file's bytes, a value split
    /// across overflow pages reads whole here; blobs (the encrypted inbox payloads) are left out.
    /// </summary>
    public async Task<string> ReadTextCellsAsync()
    {
        await using var connection = OpenConnection();
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = Provider == StoreProvider.PostgreSql
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                : "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The table names come from sqlite_master, not from input.
            command.CommandText = $"SELECT * FROM \"{table}\"";
#pragma warning restore CA2100
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!reader.IsDBNull(i) && reader.GetFieldType(i) == typeof(string))
                    {
                        text.Append(reader.GetString(i)).Append('\n');
                    }
                }
            }
        }

        return text.ToString();
    }

    /// <summary>A new, closed connection to this database, of its provider's kind.</summary>
    public System.Data.Common.DbConnection OpenConnection() => Provider == StoreProvider.PostgreSql
        ? new Npgsql.NpgsqlConnection(ConnectionString)
        : new SqliteConnection(ConnectionString);

    public void Dispose()
    {
        if (Provider == StoreProvider.PostgreSql)
        {
            TestPostgres.DropDatabaseAsync(ConnectionString, CancellationToken.None).GetAwaiter().GetResult();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class TestContextFactory(DbContextOptions<AuthEventsDbContext> options) : IDbContextFactory<AuthEventsDbContext>
    {
        public AuthEventsDbContext CreateDbContext() => new(options);
    }
}
