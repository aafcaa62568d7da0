using System.Diagnostics;
using System.Globalization;
using AuthEvents.Store;
using AuthEvents.Store.Journeys;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AuthEvents.Benchmarks;

/// <summary>A raw insert of stored rows into a table of the events table's shape and indexes: the store's own limit.</summary>
internal sealed record RawInsert(long Rows, TimeSpan Time, string Method)
{
    public double Rate => Rows / Time.TotalSeconds;
}

/// <summary>
/// Issue 13's store figures on either provider: the raw insert rate of the events' row shape, the bytes per event with the
/// largest tables and indexes, and the journey index rebuild rate.
/// </summary>
internal static class StoreFigures
{
    private const int RawBatch = 5_000;
    private const int CopyChunk = 50_000;

    /// <summary>
    /// Copies the first <paramref name="maxRows"/> stored events into a new table with the events table's own columns and
    /// indexes: on SQLite one prepared single-row insert per row, <see cref="RawBatch"/> rows a transaction, into a new
    /// file; on PostgreSQL binary <c>COPY</c>, <see cref="CopyChunk"/> rows a statement (each its own transaction), into
    /// a table made <c>LIKE events INCLUDING ALL</c> in the same database. Only the inserts are timed.
    /// </summary>
    public static Task<RawInsert> RawInsertAsync(BenchStore store, long maxRows, CancellationToken cancellationToken) =>
        store.Path is { } file ? SqliteRawInsertAsync(file, maxRows, cancellationToken) : PostgreSqlCopyAsync(store.ConnectionString, maxRows, cancellationToken);

    /// <summary>Prints bytes per event overall and for the largest tables and indexes; returns the store's size in bytes.</summary>
    public static async Task<long> PrintSpaceAsync(BenchStore store, long events, TextWriter output, CancellationToken cancellationToken)
    {
        var bytes = await store.SizeAsync(cancellationToken);
        var what = store.Provider == StoreProvider.Sqlite ? "file" : "sum of pg_total_relation_size over the schema's tables";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  bytes per event: {bytes / (double)events:N0} ({bytes / 1024.0 / 1024:N0} MiB, {what})"));
        if (store.Path is { } file)
        {
            await PrintSqliteSpaceAsync(file, events, output, cancellationToken);
        }
        else
        {
            await PrintPostgreSqlSpaceAsync(store.ConnectionString, events, output, cancellationToken);
        }

        return bytes;
    }

    /// <summary>Empties the journey index and rebuilds it from the stored events (as after a change of funnel definitions); returns events indexed and the time.</summary>
    public static async Task<(long Events, TimeSpan Time)> RebuildJourneysAsync(BenchStore store, CancellationToken cancellationToken)
    {
        await using (var db = await store.Contexts.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM journey_state;", cancellationToken);
        }

        var watch = Stopwatch.StartNew();
        var indexed = await JourneyIndex.EnsureCurrentAsync(store.Contexts, cancellationToken);
        return (indexed, watch.Elapsed);
    }

    private static async Task PrintSqliteSpaceAsync(string path, long events, TextWriter output, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 14";
        SqliteDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(cancellationToken);
        }
        catch (SqliteException)
        {
            output.WriteLine("    (this SQLite build has no dbstat; the sqlite3 shell has: SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC)");
            return;
        }

        await using var _ = reader;
        while (await reader.ReadAsync(cancellationToken))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {reader.GetString(0),-52} {reader.GetInt64(1) / (double)events,7:N0} bytes/event"));
        }
    }

    // Tables without their indexes (heap, TOAST, free-space and visibility maps), and each index on its own.
    private static async Task PrintPostgreSqlSpaceAsync(string connectionString, long events, TextWriter output, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname, c.relkind = 'i', CASE WHEN c.relkind = 'i' THEN pg_relation_size(c.oid) ELSE pg_table_size(c.oid) END AS bytes
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'm', 'i')
            ORDER BY bytes DESC LIMIT 14
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0) + (reader.GetBoolean(1) ? " (index)" : " (table)");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {name,-52} {reader.GetInt64(2) / (double)events,7:N0} bytes/event"));
        }
    }

    private static async Task<RawInsert> SqliteRawInsertAsync(string source, long maxRows, CancellationToken cancellationToken)
    {
        var target = Path.Combine(Path.GetDirectoryName(source)!, "raw-insert-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            await using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
            await from.OpenAsync(cancellationToken);
            await to.OpenAsync(cancellationToken);
            await ExecuteAsync(to, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", cancellationToken);
            var ddl = new List<string>();
            await using (var schema = from.CreateCommand())
            {
                schema.CommandText = "SELECT sql FROM sqlite_master WHERE tbl_name = 'events' AND sql IS NOT NULL ORDER BY type DESC";
                await using var reader = await schema.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    ddl.Add(reader.GetString(0));
                }
            }

            foreach (var statement in ddl)
            {
                await ExecuteAsync(to, statement, cancellationToken);
            }

            await using var read = from.CreateCommand();
            read.CommandText = "SELECT * FROM events ORDER BY id LIMIT $rows";
            read.Parameters.AddWithValue("$rows", maxRows);
            await using var rows = await read.ExecuteReaderAsync(cancellationToken);
            var columns = Enumerable.Range(0, rows.FieldCount).Select(rows.GetName).Where(n => n != "id").ToList();
            var ordinals = columns.Select(rows.GetOrdinal).ToArray();
            var insert = $"INSERT INTO events ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$" + i.ToString(CultureInfo.InvariantCulture)))})";
            var batch = new List<object[]>(RawBatch);
            var time = TimeSpan.Zero;
            long count = 0;
            var more = true;
            while (more)
            {
                batch.Clear();
                while (batch.Count < RawBatch && (more = await rows.ReadAsync(cancellationToken)))
                {
                    batch.Add(ordinals.Select(o => rows.GetValue(o)).ToArray());
                }

                if (batch.Count == 0)
                {
                    break;
                }

                var watch = Stopwatch.StartNew();
                await using (var tx = (SqliteTransaction)await to.BeginTransactionAsync(cancellationToken))
                await using (var command = to.CreateCommand())
                {
                    command.Transaction = tx;
                    command.CommandText = insert;
                    for (var i = 0; i < columns.Count; i++)
                    {
                        command.Parameters.Add(new SqliteParameter { ParameterName = "$" + i.ToString(CultureInfo.InvariantCulture) });
                    }

                    foreach (var row in batch)
                    {
                        for (var i = 0; i < row.Length; i++)
                        {
                            command.Parameters[i].Value = row[i];
                        }

                        await command.ExecuteNonQueryAsync(cancellationToken);
                    }

                    await tx.CommitAsync(cancellationToken);
                }

                time += watch.Elapsed;
                count += batch.Count;
            }

            return new RawInsert(count, time, $"prepared single-row INSERT, {RawBatch:N0} rows a transaction");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(target + suffix);
            }
        }
    }

    private static async Task<RawInsert> PostgreSqlCopyAsync(string connectionString, long maxRows, CancellationToken cancellationToken)
    {
        const string Raw = "bench_raw_events";
        await using var from = new NpgsqlConnection(connectionString);
        await using var to = new NpgsqlConnection(connectionString);
        await from.OpenAsync(cancellationToken);
        await to.OpenAsync(cancellationToken);
        await ExecuteAsync(to, $"DROP TABLE IF EXISTS {Raw}; CREATE TABLE {Raw} (LIKE events INCLUDING ALL);", cancellationToken);
        try
        {
            var columns = new List<string>();
            await using (var schema = new NpgsqlCommand(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'events' AND column_name <> 'id' ORDER BY ordinal_position", from))
            await using (var reader = await schema.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    columns.Add("\"" + reader.GetString(0) + "\"");
                }
            }

            var list = string.Join(", ", columns);
            long lastId = 0;
            long count = 0;
            var time = TimeSpan.Zero;
            using var buffer = new MemoryStream();
            while (count < maxRows)
            {
                var take = (int)Math.Min(CopyChunk, maxRows - count);
                long? upTo;
                await using (var range = new NpgsqlCommand("SELECT MAX(id), COUNT(*) FROM (SELECT id FROM events WHERE id > @after ORDER BY id LIMIT @take) s", from))
                {
                    range.Parameters.AddWithValue("after", lastId);
                    range.Parameters.AddWithValue("take", take);
                    await using var reader = await range.ExecuteReaderAsync(cancellationToken);
                    await reader.ReadAsync(cancellationToken);
                    upTo = reader.IsDBNull(0) ? null : reader.GetInt64(0);
                    take = (int)reader.GetInt64(1);
                }

                if (upTo is null)
                {
                    break;
                }

                // Read the chunk out first (binary COPY TO), then time only its COPY FROM into the new table.
                buffer.SetLength(0);
                await using (var export = await from.BeginRawBinaryCopyAsync(
                    string.Create(CultureInfo.InvariantCulture, $"COPY (SELECT {list} FROM events WHERE id > {lastId} AND id <= {upTo} ORDER BY id) TO STDOUT (FORMAT BINARY)"), cancellationToken))
                {
                    await export.CopyToAsync(buffer, cancellationToken);
                }

                buffer.Position = 0;
                var watch = Stopwatch.StartNew();
                await using (var import = await to.BeginRawBinaryCopyAsync($"COPY {Raw} ({list}) FROM STDIN (FORMAT BINARY)", cancellationToken))
                {
                    await buffer.CopyToAsync(import, cancellationToken);
                }

                time += watch.Elapsed;
                count += take;
                lastId = upTo.Value;
            }

            return new RawInsert(count, time, $"binary COPY, {CopyChunk:N0} rows a statement");
        }
        finally
        {
            await ExecuteAsync(to, $"DROP TABLE IF EXISTS {Raw};", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
