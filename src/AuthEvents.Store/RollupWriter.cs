using System.Data.Common;
using AuthEvents.Core.Events;
using AuthEvents.Store.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AuthEvents.Store;

/// <summary>
/// Counts newly stored events into the rollup tables inside the commit's own transaction, so a rollup never
/// disagrees with the events table: an event skipped as a duplicate is never passed here, and a failed commit rolls
/// the counts back with the events. Counts are summed per bucket in memory first, then upserted once per row.
/// Retention takes deleted events out the same way (<see cref="SubtractAsync"/>).
/// </summary>
internal static class RollupWriter
{
    /// <summary>The <c>idv.*</c> milestones: an event with one of them means the person took an identity verification step.</summary>
    public const string IdvPrefix = "idv.";

    public static IReadOnlyList<RollupGrain> EventGrains { get; } = [RollupGrain.Minute, RollupGrain.Hour, RollupGrain.Day];

    // Per-minute people would be about one row per event: hours and days are what distinct counts need.
    public static IReadOnlyList<RollupGrain> PersonGrains { get; } = [RollupGrain.Hour, RollupGrain.Day];

    // Multi-row upserts (one statement per table per chunk); the target is qualified because PostgreSQL finds an
    // unqualified "count" ambiguous beside excluded."count".
    private const string EventUpsertHead = "INSERT INTO event_rollups (grain, bucket_ticks, source, event_type, milestone, outcome, country, authenticator, is_demo, \"count\")";

    private const string EventUpsertTail = """
        ON CONFLICT (grain, bucket_ticks, source, event_type, milestone, outcome, country, authenticator, is_demo)
        DO UPDATE SET "count" = event_rollups."count" + excluded."count"
        """;

    private const string ReasonUpsertHead = "INSERT INTO reason_rollups (grain, bucket_ticks, source, event_type, field, code, canonical, \"count\")";

    private const string ReasonUpsertTail = """
        ON CONFLICT (grain, bucket_ticks, source, event_type, field, code, canonical)
        DO UPDATE SET "count" = reason_rollups."count" + excluded."count"
        """;

    private const string PersonUpsertHead = "INSERT INTO person_rollups (grain, bucket_ticks, source, person_id, idv_started, idv_completed)";

    // OR rather than SQLite's two-argument MAX: the same text runs on PostgreSQL's booleans.
    private const string PersonUpsertTail = """
        ON CONFLICT (grain, bucket_ticks, source, person_id)
        DO UPDATE SET idv_started = (person_rollups.idv_started OR excluded.idv_started), idv_completed = (person_rollups.idv_completed OR excluded.idv_completed)
        """;

    private const string EventKey = """
        grain = @grain AND bucket_ticks = @bucket AND source = @source AND event_type = @type AND milestone = @milestone
        AND outcome = @outcome AND country = @country AND authenticator = @authenticator AND is_demo = @demo
        """;

    private const string ReasonKey = """
        grain = @grain AND bucket_ticks = @bucket AND source = @source AND event_type = @type AND field = @field AND code = @code AND canonical = @canonical
        """;

    private const string PersonKey = "grain = @grain AND bucket_ticks = @bucket AND source = @source AND person_id = @person";

    // What the person rollup row says, recomputed from the events left in its bucket.
    private const string PersonRemaining = """
        SELECT COUNT(*), COALESCE(MAX(CASE WHEN substr(milestone, 1, 4) = @idv THEN 1 ELSE 0 END), 0),
               COALESCE(MAX(CASE WHEN milestone = @complete AND outcome = @success THEN 1 ELSE 0 END), 0)
        FROM events WHERE person_key = @key AND source = @source AND occurred_at_ticks >= @from AND occurred_at_ticks < @to;
        """;

    public static long BucketOf(long ticks, RollupGrain grain)
    {
        var size = (long)grain * TimeSpan.TicksPerMinute;
        return ticks - (ticks % size);
    }

    /// <summary>Counts <paramref name="added"/> (events just inserted in <paramref name="transaction"/>) into the rollups: one statement per table per chunk, keys sorted.</summary>
    public static async Task AddAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<EventRecord> added, CancellationToken cancellationToken)
    {
        if (added.Count == 0)
        {
            return;
        }

        await WriteEventsAsync(connection, transaction, added, cancellationToken).ConfigureAwait(false);
        await WriteReasonsAsync(connection, transaction, added, cancellationToken).ConfigureAwait(false);
        await WritePeopleAsync(connection, transaction, added, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes events just deleted in <paramref name="db"/>'s open transaction out of the rollups: their counts are
    /// subtracted (a row that reaches zero goes), the person rows of their buckets are recomputed from the events left
    /// there, and a person key with no event left loses its id. Every bucket stays exact, including one that straddles
    /// a retention cutoff. Returns the rollup rows deleted.
    /// </summary>
    public static async Task<int> SubtractAsync(AuthEventsDbContext db, IReadOnlyList<EventRecord> deleted, CancellationToken cancellationToken)
    {
        if (deleted.Count == 0)
        {
            return 0;
        }

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return await SubtractEventsAsync(connection, transaction, deleted, cancellationToken).ConfigureAwait(false)
            + await SubtractReasonsAsync(connection, transaction, deleted, cancellationToken).ConfigureAwait(false)
            + await RecountPeopleAsync(connection, transaction, deleted, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes rollup rows of buckets that end at or before <paramref name="cutoff"/>. Once every event before the cutoff
    /// is deleted (and subtracted) there are none; this only keeps a count that ever drifted from outliving its events.
    /// </summary>
    public static async Task<int> DeleteBucketsBeforeAsync(AuthEventsDbContext db, long cutoff, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var deleted = 0;
        foreach (var (table, grains) in new[] { ("event_rollups", EventGrains), ("reason_rollups", EventGrains), ("person_rollups", PersonGrains) })
        {
            await using var command = BatchSql.Command(connection, transaction, $"DELETE FROM {table} WHERE grain = @grain AND bucket_ticks < @end;", "grain", "end");
            foreach (var grain in grains)
            {
                deleted += await ExecuteAsync(command, cancellationToken, (int)grain, BucketOf(cutoff, grain)).ConfigureAwait(false);
            }
        }

        return deleted;
    }

    private static async Task<int> SubtractEventsAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<EventRecord> deleted, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<(RollupGrain, long, EventSource, string, string, Outcome, string, string, bool), long>();
        foreach (var e in deleted)
        {
            foreach (var grain in EventGrains)
            {
                var key = (grain, BucketOf(e.OccurredAtTicks, grain), e.Source, e.EventType, e.Milestone, e.Outcome, e.Country ?? "", e.Authenticator ?? "", e.IsDemo);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        string[] names = ["grain", "bucket", "source", "type", "milestone", "outcome", "country", "authenticator", "demo"];
        await using var subtract = BatchSql.Command(connection, transaction, "UPDATE event_rollups SET \"count\" = \"count\" - @count WHERE " + EventKey + " RETURNING \"count\";", [.. names, "count"]);
        await using var delete = BatchSql.Command(connection, transaction, "DELETE FROM event_rollups WHERE " + EventKey + ";", names);
        var rows = 0;
        foreach (var ((grain, bucket, source, type, milestone, outcome, country, authenticator, demo), count) in counts)
        {
            object[] key = [(int)grain, bucket, (int)source, type, milestone, (int)outcome, country, authenticator, demo];
            if (await LeftAsync(subtract, [.. key, count], cancellationToken).ConfigureAwait(false) <= 0)
            {
                rows += await ExecuteAsync(delete, cancellationToken, key).ConfigureAwait(false);
            }
        }

        return rows;
    }

    private static async Task<int> SubtractReasonsAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<EventRecord> deleted, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<(RollupGrain, long, EventSource, string, string, string, string), long>();
        foreach (var r in deleted.SelectMany(e => e.FailureReasons))
        {
            foreach (var grain in EventGrains)
            {
                var key = (grain, BucketOf(r.OccurredAtTicks, grain), r.Source, r.EventType, r.Field, r.Code, r.Canonical);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        if (counts.Count == 0)
        {
            return 0;
        }

        string[] names = ["grain", "bucket", "source", "type", "field", "code", "canonical"];
        await using var subtract = BatchSql.Command(connection, transaction, "UPDATE reason_rollups SET \"count\" = \"count\" - @count WHERE " + ReasonKey + " RETURNING \"count\";", [.. names, "count"]);
        await using var delete = BatchSql.Command(connection, transaction, "DELETE FROM reason_rollups WHERE " + ReasonKey + ";", names);
        var rows = 0;
        foreach (var ((grain, bucket, source, type, field, code, canonical), count) in counts)
        {
            object[] key = [(int)grain, bucket, (int)source, type, field, code, canonical];
            if (await LeftAsync(subtract, [.. key, count], cancellationToken).ConfigureAwait(false) <= 0)
            {
                rows += await ExecuteAsync(delete, cancellationToken, key).ConfigureAwait(false);
            }
        }

        return rows;
    }

    private static async Task<int> RecountPeopleAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<EventRecord> deleted, CancellationToken cancellationToken)
    {
        var buckets = new HashSet<(RollupGrain, long, EventSource, string)>();
        foreach (var e in deleted)
        {
            if (e.PersonKey is { } person)
            {
                foreach (var grain in PersonGrains)
                {
                    buckets.Add((grain, BucketOf(e.OccurredAtTicks, grain), e.Source, person));
                }
            }
        }

        if (buckets.Count == 0)
        {
            return 0;
        }

        await using var id = BatchSql.Command(connection, transaction, "SELECT id FROM rollup_people WHERE person_key = @key;", "key");
        await using var remaining = BatchSql.Command(connection, transaction, PersonRemaining, "idv", "complete", "success", "key", "source", "from", "to");
        await using var update = BatchSql.Command(connection, transaction, "UPDATE person_rollups SET idv_started = @started, idv_completed = @completed WHERE " + PersonKey + ";",
            "started", "completed", "grain", "bucket", "source", "person");
        await using var delete = BatchSql.Command(connection, transaction, "DELETE FROM person_rollups WHERE " + PersonKey + ";", "grain", "bucket", "source", "person");
        var ids = new Dictionary<string, long?>(StringComparer.Ordinal);
        var rows = 0;
        foreach (var (grain, bucket, source, person) in buckets)
        {
            if (!ids.TryGetValue(person, out var personId))
            {
                id.Parameters[0].Value = person;
                personId = await id.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } found ? Convert.ToInt64(found, System.Globalization.CultureInfo.InvariantCulture) : null;
                ids[person] = personId;
            }

            if (personId is not { } pid)
            {
                continue;
            }

            SetValues(remaining, IdvPrefix, Milestones.IdvComplete, (int)Outcome.Success, person, (int)source, bucket, bucket + ((long)grain * TimeSpan.TicksPerMinute));
            long events, started, completed;
            await using (var reader = await remaining.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                (events, started, completed) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            }

            if (events == 0)
            {
                rows += await ExecuteAsync(delete, cancellationToken, (int)grain, bucket, (int)source, pid).ConfigureAwait(false);
            }
            else
            {
                await ExecuteAsync(update, cancellationToken, started != 0, completed != 0, (int)grain, bucket, (int)source, pid).ConfigureAwait(false);
            }
        }

        // A key with no event left goes, so that the person rollups keep no trace of someone the store has forgotten.
        await using var forget = BatchSql.Command(connection, transaction,
            "DELETE FROM rollup_people WHERE person_key = @key AND NOT EXISTS (SELECT 1 FROM events WHERE person_key = @key);", "key");
        foreach (var person in ids.Where(i => i.Value is not null).Select(i => i.Key))
        {
            rows += await ExecuteAsync(forget, cancellationToken, person).ConfigureAwait(false);
        }

        return rows;
    }

    private static async Task<long> LeftAsync(DbCommand subtract, object[] values, CancellationToken cancellationToken)
    {
        SetValues(subtract, values);
        // No row: nothing was counted there (a rollup that drifted); treat it as empty.
        return await subtract.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } left and not DBNull
            ? Convert.ToInt64(left, System.Globalization.CultureInfo.InvariantCulture)
            : 0;
    }

    private static async Task WriteEventsAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<EventRecord> added, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<(RollupGrain, long, EventSource, string, string, Outcome, string, string, bool), long>();
        foreach (var e in added)
        {
            foreach (var grain in EventGrains)
            {
                var key = (grain, BucketOf(e.OccurredAtTicks, grain), e.Source, e.EventType, e.Milestone, e.Outcome, e.Country ?? "", e.Authenticator ?? "", e.IsDemo);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        // Sorted, so that concurrent writers (PostgreSQL) lock rollup rows in the same order; each key once per statement.
        var rows = counts.OrderBy(c => c.Key).ToList();
        await BatchSql.ForChunksAsync(connection, transaction, rows, EventUpsertHead, 10, EventUpsertTail, static (command, at, row) =>
        {
            var ((grain, bucket, source, type, milestone, outcome, country, authenticator, demo), count) = row;
            object[] values = [(int)grain, bucket, (int)source, type, milestone, (int)outcome, country, authenticator, demo, count];
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[at + i].Value = values[i];
            }
        }, command => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteReasonsAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<EventRecord> added, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<(RollupGrain, long, EventSource, string, string, string, string), long>();
        foreach (var r in added.SelectMany(e => e.FailureReasons))
        {
            foreach (var grain in EventGrains)
            {
                var key = (grain, BucketOf(r.OccurredAtTicks, grain), r.Source, r.EventType, r.Field, r.Code, r.Canonical);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        var rows = counts.OrderBy(c => c.Key).ToList();
        await BatchSql.ForChunksAsync(connection, transaction, rows, ReasonUpsertHead, 8, ReasonUpsertTail, static (command, at, row) =>
        {
            var ((grain, bucket, source, type, field, code, canonical), count) = row;
            object[] values = [(int)grain, bucket, (int)source, type, field, code, canonical, count];
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[at + i].Value = values[i];
            }
        }, command => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private static async Task WritePeopleAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<EventRecord> added, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<(RollupGrain, long, EventSource, string), (bool Started, bool Completed)>();
        foreach (var e in added)
        {
            if (e.PersonKey is not { } person)
            {
                continue;
            }

            var started = e.Milestone.StartsWith(IdvPrefix, StringComparison.Ordinal);
            var completed = e.Milestone == Milestones.IdvComplete && e.Outcome == Outcome.Success;
            foreach (var grain in PersonGrains)
            {
                var key = (grain, BucketOf(e.OccurredAtTicks, grain), e.Source, person);
                var before = seen.GetValueOrDefault(key);
                seen[key] = (before.Started || started, before.Completed || completed);
            }
        }

        if (seen.Count == 0)
        {
            return;
        }

        var ids = await PersonIdsAsync(connection, transaction, seen.Keys.Select(k => k.Item4).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
        var rows = seen.Select(s => (Grain: (int)s.Key.Item1, Bucket: s.Key.Item2, Source: (int)s.Key.Item3, Person: ids[s.Key.Item4], s.Value.Started, s.Value.Completed))
            .OrderBy(r => (r.Grain, r.Bucket, r.Source, r.Person)).ToList();
        await BatchSql.ForChunksAsync(connection, transaction, rows, PersonUpsertHead, 6, PersonUpsertTail, static (command, at, row) =>
        {
            command.Parameters[at].Value = row.Grain;
            command.Parameters[at + 1].Value = row.Bucket;
            command.Parameters[at + 2].Value = row.Source;
            command.Parameters[at + 3].Value = row.Person;
            command.Parameters[at + 4].Value = row.Started;
            command.Parameters[at + 5].Value = row.Completed;
        }, command => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The id of each person key: missing keys inserted (<c>ON CONFLICT DO NOTHING</c>, so a concurrent writer's row
    /// wins), then every id read back, one statement of each per chunk.
    /// </summary>
    private static async Task<Dictionary<string, long>> PersonIdsAsync(DbConnection connection, DbTransaction? transaction, List<string> keys, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        await BatchSql.ForChunksAsync(connection, transaction, keys, "INSERT INTO rollup_people (person_key)", 1, "ON CONFLICT (person_key) DO NOTHING",
            static (command, at, key) => command.Parameters[at].Value = key, command => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        await BatchSql.ForChunksAsync(connection, transaction, keys, "SELECT id, person_key FROM rollup_people WHERE person_key IN (SELECT column1 FROM (", 1, ") AS v)",
            static (command, at, key) => command.Parameters[at].Value = key, async command =>
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    ids[reader.GetString(1)] = reader.GetInt64(0);
                }
            }, cancellationToken).ConfigureAwait(false);
        return ids;
    }

    private static Task<int> ExecuteAsync(DbCommand command, CancellationToken cancellationToken, params object[] values)
    {
        SetValues(command, values);
        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void SetValues(DbCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }
}
