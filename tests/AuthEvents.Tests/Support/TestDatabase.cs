using AuthEvents.Store;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AuthEvents.Tests.Support;

/// <summary>A fresh SQLite file per test, migrated with the product's own migrations; deleted afterwards.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "authevents-tests", Guid.NewGuid().ToString("N"));

    public TestDatabase()
    {
        Directory.CreateDirectory(_directory);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "test.db"), Pooling = false }.ToString();
        var options = new DbContextOptionsBuilder<AuthEventsDbContext>()
            .UseSqlite(ConnectionString)
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options;
        Contexts = new TestContextFactory(options);
    }

    public string ConnectionString { get; }

    public string FilePath => Path.Combine(_directory, "test.db");

    public IDbContextFactory<AuthEventsDbContext> Contexts { get; }

    public async Task<TestDatabase> MigrateAsync()
    {
        await StoreInitializer.InitializeAsync(Contexts, CancellationToken.None);
        return this;
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
