using System.Text.Json;
using Npgsql;

namespace AuthEvents.Store;

/// <summary>
/// The secrets this installation generated for itself where none are configured, kept in <c>keys.json</c> in the data
/// folder: the storage keys and, in demo mode, the simulated providers' keys and tokens. A secret is generated once and
/// read back on every later start. The file is created readable and writable by its owner only. With PostgreSQL the
/// secrets are kept in the database instead (<c>generated_secrets</c>), so that every node uses the same: the first node
/// to generate one wins, and the others read it.
/// </summary>
public sealed class GeneratedSecrets
{
    public const string FileName = "keys.json";

    /// <summary>The table that holds them on PostgreSQL; SQL both providers accept (each provider's migration runs it).</summary>
    public const string CreateTable = "CREATE TABLE generated_secrets (name TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL);";

    public const string DropTable = "DROP TABLE generated_secrets;";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _values;
    private readonly string? _database;

    public GeneratedSecrets(string dataDirectory)
    {
        FilePath = Path.Combine(dataDirectory, FileName);
        _values = File.Exists(FilePath) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(FilePath)) ?? [] : [];
    }

    private GeneratedSecrets(string dataDirectory, string postgreSqlConnectionString)
    {
        FilePath = Path.Combine(dataDirectory, FileName);
        _values = [];
        _database = postgreSqlConnectionString;
    }

    /// <summary>Where the secrets are kept: the store's location decides (the data folder's file, or the PostgreSQL database).</summary>
    public static GeneratedSecrets For(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Provider == StoreProvider.PostgreSql
            ? new GeneratedSecrets(location.DataDirectory, location.ConnectionString)
            : new GeneratedSecrets(location.DataDirectory);
    }

    /// <summary>The file they are kept in with SQLite.</summary>
    public string FilePath { get; }

    /// <summary>True when they are kept in the database (PostgreSQL), not in <see cref="FilePath"/>.</summary>
    public bool InDatabase => _database is not null;

    /// <summary>The secret named <paramref name="name"/>; on first use <paramref name="create"/> makes it and it is saved.</summary>
    public string GetOrAdd(string name, Func<string> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (_lock)
        {
            if (_values.TryGetValue(name, out var value))
            {
                return value;
            }

            value = _database is null ? create() : AddToDatabase(_database, name, create());
            _values[name] = value;
            if (_database is null)
            {
                Save();
            }

            return value;
        }
    }

    /// <summary>
    /// Adds the value unless a node got there first, and returns the stored one. Synchronous: read once per name, while
    /// the store's services are first built.
    /// </summary>
    private static string AddToDatabase(string connectionString, string name, string candidate)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "INSERT INTO generated_secrets (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING; SELECT value FROM generated_secrets WHERE name = @name",
            connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("value", candidate);
        return (string)command.ExecuteScalar()!;
    }

    private void Save()
    {
        PrivateFiles.CreateFolder(Path.GetDirectoryName(FilePath)!);
        PrivateFiles.WriteAtomically(FilePath, stream => JsonSerializer.Serialize(stream, _values));
    }
}
