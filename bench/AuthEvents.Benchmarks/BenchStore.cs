using AuthEvents.Store;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Benchmarks;

/// <summary>The product's store services (the same registration as the web host) over one benchmark database file.</summary>
internal sealed class BenchStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private BenchStore(string path, ServiceProvider services)
    {
        Path = path;
        _services = services;
    }

    public string Path { get; }

    /// <summary>What loading measured, when the dataset was built in this run.</summary>
    public LoadReport? Load { get; set; }

    public IServiceProvider Services => _services;

    public IDbContextFactory<AuthEventsDbContext> Contexts => _services.GetRequiredService<IDbContextFactory<AuthEventsDbContext>>();

    /// <summary>Fixed keys derived from the seed: person keys (keyed hashes) come out the same on every build.</summary>
    public static string KeyFor(int seed) => Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(seed * 31 + i * 7)).ToArray());

    public static BenchStore Create(string path, int seed)
    {
        var key = KeyFor(seed);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:AuthEvents"] = new SqliteConnectionStringBuilder { DataSource = path }.ToString(),
            ["Storage:DataDirectory"] = System.IO.Path.GetDirectoryName(path),
            ["Storage:PayloadKey"] = key,
            ["Storage:LinkingKey"] = key,
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddLogging();
        services.AddAuthEventsStore(System.IO.Path.GetDirectoryName(path)!);
        return new BenchStore(path, services.BuildServiceProvider());
    }

    /// <summary>Folds the write-ahead log into the database file, so that a cached file is complete on its own.</summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
