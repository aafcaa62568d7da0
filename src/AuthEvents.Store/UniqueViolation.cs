using Microsoft.Data.Sqlite;
using Npgsql;

namespace AuthEvents.Store;

/// <summary>Whether a failed write broke a unique key: another writer (on another node) stored the same row first.</summary>
internal static class UniqueViolation
{
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
                || e is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 })
            {
                return true;
            }
        }

        return false;
    }
}
