using Microsoft.Extensions.Configuration;
using Npgsql;

namespace AuthEvents.Benchmarks;

/// <summary>
/// The PostgreSQL server a benchmark runs against: <c>ConnectionStrings:Bench</c> (environment
/// <c>ConnectionStrings__Bench</c>) when set, else a local cluster started with the repository's <c>.ci/postgres</c>
/// (Debian's packages; fsync on, never <c>PG_FAST</c>), stopped when the run ends. Each dataset is a database of its
/// own on that server, named after its spec (<see cref="DatasetSpec.DatabaseName"/>), with a marker table once loaded.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private const string MarkerTable = "bench_dataset";
    private readonly string? _script;
    private readonly string? _cluster;
    private readonly bool _keep;

    private BenchServer(string connectionString, string? script, string? cluster, bool keep)
    {
        ConnectionString = connectionString;
        _script = script;
        _cluster = cluster;
        _keep = keep;
    }

    /// <summary>The server's own database, from which datasets' databases are created and dropped.</summary>
    public string ConnectionString { get; }

    public string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return _cluster is null
            ? $"ConnectionStrings:Bench (host {builder.Host}:{builder.Port})"
            : $"local cluster in {_cluster} (127.0.0.1:{builder.Port}, fsync on{(_keep ? ", kept after the run" : ", removed after the run")})";
    }

    /// <summary><paramref name="clusterDirectory"/>: where a local cluster lives and is kept; null for a temporary one.</summary>
    public static Task<BenchServer> StartAsync(string? clusterDirectory, TextWriter log, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var configured = new ConfigurationBuilder().AddEnvironmentVariables().Build().GetConnectionString("Bench");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Task.FromResult(new BenchServer(configured, null, null, keep: true));
        }

        var script = AuthEvents.Ci.PostgresScript.Find()
            ?? throw new InvalidOperationException("No ConnectionStrings:Bench and no .ci/postgres above the build output: set ConnectionStrings__Bench to a PostgreSQL server.");
        var cluster = clusterDirectory ?? Directory.CreateTempSubdirectory("authevents-bench-pg-").FullName;
        log.WriteLine($"Starting PostgreSQL with {script} start {cluster} ...");
        var connectionString = AuthEvents.Ci.PostgresScript.Run(script, "start", cluster, fast: false);
        if (connectionString.Length == 0)
        {
            throw new InvalidOperationException(".ci/postgres start printed no connection string");
        }

        return Task.FromResult(new BenchServer(connectionString, script, cluster, keep: clusterDirectory is not null));
    }

    public string ForDatabase(string database) => new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ToString();

    /// <summary>What the marker says of a loaded dataset, or null when the database is missing or was not loaded to the end.</summary>
    public async Task<string?> LoadedAsync(string database, CancellationToken cancellationToken)
    {
        await using (var server = new NpgsqlConnection(ConnectionString))
        {
            await server.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", server);
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                return null;
            }
        }

        await using var connection = new NpgsqlConnection(ForDatabase(database));
        await connection.OpenAsync(cancellationToken);
        await using var marker = new NpgsqlCommand($"SELECT loaded FROM {MarkerTable}", connection);
        try
        {
            return await marker.ExecuteScalarAsync(cancellationToken) as string;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }
    }

    /// <summary>Drops the dataset's database (if any) and creates it empty.</summary>
    public async Task RecreateAsync(string database, CancellationToken cancellationToken)
    {
        NpgsqlConnection.ClearAllPools();
        await using var server = new NpgsqlConnection(ConnectionString);
        await server.OpenAsync(cancellationToken);
        var name = new NpgsqlCommandBuilder().QuoteIdentifier(database);
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", server))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", server);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task MarkLoadedAsync(string database, string loaded, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ForDatabase(database));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE TABLE {MarkerTable} (loaded text NOT NULL); INSERT INTO {MarkerTable} (loaded) VALUES (@loaded)", connection);
        command.Parameters.AddWithValue("loaded", loaded);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_script is not null && _cluster is not null)
        {
            // Not the run's token: the cluster stops even when the run was cancelled.
            AuthEvents.Ci.PostgresScript.Run(_script, _keep ? "halt" : "stop", _cluster, fast: false);
        }

        return ValueTask.CompletedTask;
    }
}
