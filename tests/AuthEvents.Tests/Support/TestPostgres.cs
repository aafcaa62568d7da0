using AuthEvents.Store;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AuthEvents.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests use: <c>AUTHEVENTS_TEST_PG</c> (a connection string) when set, else a throwaway
/// cluster that <c>.ci/postgres</c> starts once per test process and stops when it exits. Each test gets a database of
/// its own, copied from a template migrated once (a copy takes milliseconds; migrating takes seconds).
/// </summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "AUTHEVENTS_TEST_PG";
    private const string Template = "authevents_template";
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static readonly Lazy<string> Server = new(StartServer, LazyThreadSafetyMode.ExecutionAndPublication);
    private static bool _templateReady;

    /// <summary>The server's connection string (its maintenance database).</summary>
    public static string ServerConnectionString => Server.Value;

    /// <summary>A new, migrated database; drop it with <see cref="DropDatabaseAsync"/>.</summary>
    public static async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        await EnsureTemplateAsync(cancellationToken).ConfigureAwait(false);
        var name = "t_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(ServerConnectionString, $"CREATE DATABASE {name} TEMPLATE {Template}", cancellationToken).ConfigureAwait(false);
        return WithDatabase(name);
    }

    public static async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(ServerConnectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)", cancellationToken).ConfigureAwait(false);
    }

    private static async Task EnsureTemplateAsync(CancellationToken cancellationToken)
    {
        await TemplateGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_templateReady)
            {
                return;
            }

            await ExecuteAsync(ServerConnectionString, $"DROP DATABASE IF EXISTS {Template} WITH (FORCE)", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(ServerConnectionString, $"CREATE DATABASE {Template}", cancellationToken).ConfigureAwait(false);
            var template = WithDatabase(Template);
            var options = new DbContextOptionsBuilder<AuthEventsDbContext>();
            StoreServiceCollectionExtensions.UseStore(options, new StoreLocation("unused", template, StoreProvider.PostgreSql));
            await using (var db = new AuthEventsDbContext(options.Options))
            {
                await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            }

            // A database is copied only while nobody is connected to its template.
            NpgsqlConnection.ClearAllPools();
            _templateReady = true;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private static string WithDatabase(string name) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = true }.ToString();

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Database names are generated here, never input.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string StartServer()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given)
        {
            return given;
        }

        var script = AuthEvents.Ci.PostgresScript.Find()
            ?? throw new InvalidOperationException($"No .ci/postgres above {AppContext.BaseDirectory}: set {EnvironmentVariable} to a PostgreSQL connection string.");
        var folder = Directory.CreateTempSubdirectory("authevents-pg-").FullName;
        var connectionString = AuthEvents.Ci.PostgresScript.Run(script, "start", folder, fast: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => AuthEvents.Ci.PostgresScript.Run(script, "stop", folder, fast: false);
        return connectionString;
    }
}
