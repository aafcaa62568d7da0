using Microsoft.Data.Sqlite;

namespace AuthEvents.Store;

/// <summary>Where the store resolved to at start-up: the data folder and the connection string in use.</summary>
public sealed record StoreLocation(string DataDirectory, string ConnectionString)
{
    public static StoreLocation Resolve(StoreOptions options, string? connectionString, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataDirectory = Path.GetFullPath(Path.Combine(contentRoot, options.DataDirectory));
        Directory.CreateDirectory(dataDirectory);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "authevents.db") }.ToString();
        }

        return new StoreLocation(dataDirectory, connectionString);
    }
}
