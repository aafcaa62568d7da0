using System.Text;
using AuthEvents.Store;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Tests.Support;

/// <summary>A fresh SQLite file per test, migrated with the product's own migrations; deleted afterwards.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "authevents-tests", Guid.NewGuid().ToString("N"));

    public TestDatabase()
        : this(null)
    {
    }

    /// <summary>With <paramref name="loggerFactory"/>, EF Core logs there, as it logs to the host's loggers in the product.</summary>
    public TestDatabase(ILoggerFactory? loggerFactory)
    {
        Directory.CreateDirectory(_directory);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "test.db"), Pooling = false }.ToString();
        var options = new DbContextOptionsBuilder<AuthEventsDbContext>()
            .UseSqlite(ConnectionString);
        if (loggerFactory is not null)
        {
            options.UseLoggerFactory(loggerFactory);
        }

        Contexts = new TestContextFactory(options.Options);
    }

    public string ConnectionString { get; }

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
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
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

    public void Dispose()
    {
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
