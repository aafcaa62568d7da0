using System.Diagnostics;
using System.Globalization;
using AuthEvents.Store;
using AuthEvents.Store.Journeys;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Benchmarks;

/// <summary>What loading the dataset measured: time spent in <see cref="EventStore.CommitAsync"/> only, overall and over the last tenth.</summary>
internal sealed record LoadReport(long Events, TimeSpan CommitTime, long TailEvents, TimeSpan TailCommitTime)
{
    public double Rate => Events / CommitTime.TotalSeconds;

    public double TailRate => TailEvents / TailCommitTime.TotalSeconds;
}

/// <summary>
/// Issue 13, the <c>generate</c> command: bulk ingest through <see cref="EventStore.CommitAsync"/> beside the raw batched
/// insert rate of the same rows into a table of the same shape and indexes (same run, same machine), bytes per event with
/// the largest tables and indexes (SQLite's <c>dbstat</c>), and the journey index rebuild rate.
/// </summary>
internal static class IngestBenchmark
{
    private const int RawBatch = 5_000;

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var store = context.Store;
        var output = context.Out;
        long events;
        await using (var db = await store.Contexts.CreateDbContextAsync(cancellationToken))
        {
            events = await db.Events.LongCountAsync(cancellationToken);
        }

        context.Section(string.Create(CultureInfo.InvariantCulture, $"Ingest ({events:N0} events)"));
        var raw = await RawInsertRateAsync(store.Path, cancellationToken);
        if (store.Load is { } load)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  EventStore.CommitAsync: {load.Rate,9:N0} events/s overall; {load.TailRate:N0} events/s over the last {load.TailEvents:N0} (store near {load.Events:N0})"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  raw batched insert, same rows and indexes: {raw,9:N0} rows/s; product/raw {load.Rate / raw:P1} overall, {load.TailRate / raw:P1} at the end"));
        }
        else
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  raw batched insert, same rows and indexes: {raw:N0} rows/s (the dataset was reused: --rebuild to time CommitAsync in the same run)"));
        }

        await store.CheckpointAsync(cancellationToken);
        var bytes = new FileInfo(store.Path).Length;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  bytes per event: {bytes / (double)events:N0} ({bytes / 1024.0 / 1024:N0} MiB file)"));
        await PrintSpaceAsync(store.Path, events, output, cancellationToken);

        await using (var db = await store.Contexts.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM journey_state;", cancellationToken);
        }

        var watch = Stopwatch.StartNew();
        var indexed = await JourneyIndex.EnsureCurrentAsync(store.Contexts, cancellationToken);
        watch.Stop();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  journey index rebuild: {indexed:N0} events in {watch.Elapsed.TotalSeconds:F1} s, {indexed / watch.Elapsed.TotalSeconds:N0} events/s"));
    }

    /// <summary>Per table and index, bytes per event, largest first (what the store's size is made of).</summary>
    private static async Task PrintSpaceAsync(string path, long events, TextWriter output, CancellationToken cancellationToken)
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

    /// <summary>
    /// Copies the stored events, <see cref="RawBatch"/> at a time, into a new file with the events table's own DDL and
    /// indexes, through one prepared single-row insert per batch transaction; only the inserts are timed.
    /// </summary>
    private static async Task<double> RawInsertRateAsync(string source, CancellationToken cancellationToken)
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
            read.CommandText = "SELECT * FROM events ORDER BY id";
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

            return count / time.TotalSeconds;
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

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
