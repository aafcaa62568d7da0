using AuthEvents.Store;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AuthEvents.Benchmarks;

/// <summary>
/// The product's store services (the same registration as the web host) over one benchmark database: a SQLite file, or
/// a PostgreSQL database. Several instances over one PostgreSQL database behave as several dashboard nodes.
/// </summary>
internal sealed class BenchStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private BenchStore(StoreProvider provider, string? path, string connectionString, ServiceProvider services)
    {
        Provider = provider;
        Path = path;
        ConnectionString = connectionString;
        _services = services;
    }

    public StoreProvider Provider { get; }

    /// <summary>The SQLite file; null on PostgreSQL.</summary>
    public string? Path { get; }

    public string ConnectionString { get; }

    /// <summary>What loading measured, when the dataset was built in this run.</summary>
    public LoadReport? Load { get; set; }

    public IServiceProvider Services => _services;

    public IDbContextFactory<AuthEventsDbContext> Contexts => _services.GetRequiredService<IDbContextFactory<AuthEventsDbContext>>();

    public EventStore Events => _services.GetRequiredService<EventStore>();

    /// <summary>The SQLite file, for the commands that run a dashboard process over a copy of it.</summary>
    public string RequireFile() => Path ?? throw new InvalidOperationException("This command runs on SQLite only (--provider Sqlite).");

    /// <summary>Fixed keys derived from the seed: person keys (keyed hashes) come out the same on every build.</summary>
    public static string KeyFor(int seed) => Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(seed * 31 + i * 7)).ToArray());

    public static BenchStore Create(string path, int seed) =>
        Create(StoreProvider.Sqlite, path, new SqliteConnectionStringBuilder { DataSource = path }.ToString(), System.IO.Path.GetDirectoryName(path)!, seed, null);

    /// <summary>A store over a PostgreSQL database; <paramref name="node"/> names the writer, as <c>Node:Id</c> names a dashboard node.</summary>
    public static BenchStore CreatePostgreSql(string connectionString, string dataDirectory, int seed, string node) =>
        Create(StoreProvider.PostgreSql, null, connectionString, dataDirectory, seed, node);

    private static BenchStore Create(StoreProvider provider, string? path, string connectionString, string dataDirectory, int seed, string? node)
    {
        var key = KeyFor(seed);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Provider"] = provider.ToString(),
            ["ConnectionStrings:AuthEvents"] = connectionString,
            ["Storage:DataDirectory"] = dataDirectory,
            ["Storage:PayloadKey"] = key,
            ["Storage:LinkingKey"] = key,
            ["Node:Id"] = node,
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddLogging();
        services.AddAuthEventsStore(dataDirectory);
        return new BenchStore(provider, path, connectionString, services.BuildServiceProvider());
    }

    /// <summary>SQLite: folds the write-ahead log into the database file, so that a cached file is complete on its own (and its size is the store's).</summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        if (Provider != StoreProvider.Sqlite)
        {
            return;
        }

        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
    }

    /// <summary>The store's size on disk: the SQLite file, or every table of the PostgreSQL schema with its indexes and TOAST.</summary>
    public async Task<long> SizeAsync(CancellationToken cancellationToken)
    {
        if (Path is { } file)
        {
            await CheckpointAsync(cancellationToken);
            return new FileInfo(file).Length;
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'm')",
            connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (Provider == StoreProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
        }
    }
}
