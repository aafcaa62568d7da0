using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store;

/// <summary>
/// Multi-row statements for the write path, in SQL both SQLite and PostgreSQL accept: <c>@pN</c> parameters,
/// <c>INSERT … VALUES (…), (…) ON CONFLICT … RETURNING</c>. Hand-written because EF Core has no multi-row upsert.
/// </summary>
internal static class BatchSql
{
    /// <summary>SQLite's default parameter limit (PostgreSQL allows 65,535).</summary>
    public const int MaxParameters = 32_766;

    /// <summary>
    /// Rows per statement. SQLite looks a named parameter up by a linear scan of the statement's names, so binding costs
    /// grow with the square of the parameters in one statement: about a hundred parameters is the sweet spot there
    /// (measured: 26, 130, 260 and 2,000; above 130 the insert slows down). PostgreSQL pays a
    /// round trip per statement instead, so it takes as many rows as the parameter limit allows.
    /// </summary>
    public static int RowsPerStatement(DbConnection connection, int columns)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var most = MaxParameters / columns;
        return IsSqlite(connection) ? Math.Clamp(SqliteParameters / columns, 1, most) : most;
    }

    /// <summary>Parameters per statement on SQLite (see <see cref="RowsPerStatement"/>); settable for the benchmark's comparison.</summary>
    internal static int SqliteParameters { get; set; } = 130;

    public static bool IsSqlite(DbConnection connection) => connection is Microsoft.Data.Sqlite.SqliteConnection;

    public static bool IsSqlite(AuthEventsDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.IsSqlite();
    }

    /// <summary>
    /// A command <c>{head} VALUES (@p0, …), (…) {tail}</c> for <paramref name="rows"/> rows of <paramref name="columns"/>
    /// values each; parameter <c>row * columns + column</c> holds a row's column, and <paramref name="extra"/> names
    /// parameters used once (<c>@name</c>, after the rows' ones).
    /// </summary>
    public static DbCommand Values(DbConnection connection, DbTransaction? transaction, string head, int columns, int rows, string tail, params string[] extra)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var sql = new StringBuilder(head.Length + tail.Length + (rows * columns * 8)).Append(head).Append(" VALUES ");
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var n = 0;
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns; c++, n++)
            {
                var name = "@p" + n.ToString(CultureInfo.InvariantCulture);
                sql.Append(c == 0 ? "" : ", ").Append(name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            sql.Append(')');
        }

        sql.Append(' ').Append(tail);
        foreach (var name in extra)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            command.Parameters.Add(parameter);
        }

#pragma warning disable CA2100 // Fixed SQL from this assembly with placeholders only; every value is a parameter.
        command.CommandText = sql.ToString();
#pragma warning restore CA2100
        return command;
    }

    /// <summary>A command with parameters <c>@name</c> for each of <paramref name="names"/>, in order.</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Fixed SQL from this assembly; every value is a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Sets parameter <paramref name="index"/>; null becomes <see cref="DBNull"/>.</summary>
    public static void Set(DbCommand command, int index, object? value) => command.Parameters[index].Value = value ?? DBNull.Value;

    /// <summary>
    /// Binds <paramref name="items"/> into statements of at most <see cref="RowsPerStatement"/> rows:
    /// one command for the full chunks (built once, reused) and one for the remainder, each run by <paramref name="execute"/>.
    /// </summary>
    public static async Task ForChunksAsync<T>(
        DbConnection connection, DbTransaction? transaction, IReadOnlyList<T> items, string head, int columns, string tail,
        Action<DbCommand, int, T> bind, Func<DbCommand, Task> execute, CancellationToken cancellationToken, params string[] extra)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(bind);
        ArgumentNullException.ThrowIfNull(execute);
        if (items.Count == 0)
        {
            return;
        }

        var per = RowsPerStatement(connection, columns);
        DbCommand? full = null;
        try
        {
            for (var offset = 0; offset < items.Count; offset += per)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rows = Math.Min(per, items.Count - offset);
                DbCommand command;
                if (rows == per)
                {
                    full ??= Values(connection, transaction, head, columns, rows, tail, extra);
                    command = full;
                }
                else
                {
                    command = Values(connection, transaction, head, columns, rows, tail, extra);
                }

                try
                {
                    for (var r = 0; r < rows; r++)
                    {
                        bind(command, r * columns, items[offset + r]);
                    }

                    await execute(command).ConfigureAwait(false);
                }
                finally
                {
                    if (!ReferenceEquals(command, full))
                    {
                        await command.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
