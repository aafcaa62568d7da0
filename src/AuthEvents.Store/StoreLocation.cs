using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Store;

/// <summary>Where the store resolved to at start-up: the data folder, the database and the connection string in use.</summary>
public sealed record StoreLocation(string DataDirectory, string ConnectionString, StoreProvider Provider = StoreProvider.Sqlite)
{
    /// <summary>The assembly that holds the PostgreSQL migrations (EF Core keeps one migration set per provider).</summary>
    public const string PostgreSqlMigrationsAssembly = "AuthEvents.Store.PostgreSql";

    /// <summary>The SQLite file's companions, which SQLite creates with the database file's mode.</summary>
    private static readonly string[] DatabaseSuffixes = ["-wal", "-shm", "-journal"];

    /// <summary>
    /// Resolves the data folder and the connection string, and makes both private (see <see cref="PrivateFiles"/>): the
    /// folder owner-only, the database file created owner-only before SQLite first opens it (SQLite would create it 0644,
    /// and gives its -wal and -shm files the database file's mode), and what an older version left open narrowed.
    /// </summary>
    public static StoreLocation Resolve(StoreOptions options, string? connectionString, string contentRoot, ILogger logger) =>
        Resolve(options, StoreProvider.Sqlite, connectionString, contentRoot, logger);

    /// <summary>
    /// As above for SQLite. For PostgreSQL the connection string is required (there is no file to default to) and is
    /// used as given; the data folder still holds what is local to the node.
    /// </summary>
    public static StoreLocation Resolve(StoreOptions options, StoreProvider provider, string? connectionString, string contentRoot, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataDirectory = Path.GetFullPath(Path.Combine(contentRoot, options.DataDirectory));
        PrivateFiles.EnsureFolder(dataDirectory, logger);
        PrivateFiles.NarrowFile(Path.Combine(dataDirectory, GeneratedSecrets.FileName), logger);
        if (provider == StoreProvider.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new StoreConfigurationException(
                    "Store:Provider is PostgreSql but ConnectionStrings:AuthEvents is empty: set it to the server's connection string, for example Host=db;Database=authevents;Username=authevents.");
            }

            return new StoreLocation(dataDirectory, connectionString, provider);
        }
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "authevents.db") }.ToString();
        }

        if (DatabaseFile(connectionString) is { } database)
        {
            // Only where SQLite would create it: a read-only connection to a missing file must still fail.
            if (new SqliteConnectionStringBuilder(connectionString).Mode == SqliteOpenMode.ReadWriteCreate && Directory.Exists(Path.GetDirectoryName(database)))
            {
                PrivateFiles.CreateEmptyFile(database);
            }

            PrivateFiles.NarrowFile(database, logger);
            foreach (var suffix in DatabaseSuffixes)
            {
                PrivateFiles.NarrowFile(database + suffix, logger);
            }
        }

        return new StoreLocation(dataDirectory, connectionString);
    }

    /// <summary>The database file a connection string opens; null for an in-memory or URI database.</summary>
    public static string? DatabaseFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        return builder.Mode == SqliteOpenMode.Memory || string.IsNullOrWhiteSpace(source) || source == ":memory:"
            || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? null
            : Path.GetFullPath(source);
    }
}
