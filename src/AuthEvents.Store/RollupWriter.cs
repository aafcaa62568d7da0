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
/// </summary>
internal static class RollupWriter
{
    /// <summary>The <c>idv.*</c> milestones: an event with one of them means the person took an identity verification step.</summary>
    public const string IdvPrefix = "idv.";

    public static IReadOnlyList<RollupGrain> EventGrains { get; } = [RollupGrain.Minute, RollupGrain.Hour, RollupGrain.Day];

    // Per-minute people would be about one row per event: hours and days are what distinct counts need.
    public static IReadOnlyList<RollupGrain> PersonGrains { get; } = [RollupGrain.Hour, RollupGrain.Day];

    private const string EventUpsert = """
        INSERT INTO event_rollups (grain, bucket_ticks, source, event_type, milestone, outcome, country, authenticator, is_demo, "count")
        VALUES (@grain, @bucket, @source, @type, @milestone, @outcome, @country, @authenticator, @demo, @count)
        ON CONFLICT (grain, bucket_ticks, source, event_type, milestone, outcome, country, authenticator, is_demo)
        DO UPDATE SET "count" = "count" + excluded."count";
        """;

    private const string ReasonUpsert = """
        INSERT INTO reason_rollups (grain, bucket_ticks, source, event_type, field, code, canonical, "count")
        VALUES (@grain, @bucket, @source, @type, @field, @code, @canonical, @count)
        ON CONFLICT (grain, bucket_ticks, source, event_type, field, code, canonical)
        DO UPDATE SET "count" = "count" + excluded."count";
        """;

    private const string PersonUpsert = """
        INSERT INTO person_rollups (grain, bucket_ticks, source, person_id, idv_started, idv_completed)
        VALUES (@grain, @bucket, @source, @person, @started, @completed)
        ON CONFLICT (grain, bucket_ticks, source, person_id)
        DO UPDATE SET idv_started = MAX(idv_started, excluded.idv_started), idv_completed = MAX(idv_completed, excluded.idv_completed);
        """;

    public static long BucketOf(long ticks, RollupGrain grain)
    {
        var size = (long)grain * TimeSpan.TicksPerMinute;
        return ticks - (ticks % size);
    }

    public static async Task AddAsync(AuthEventsDbContext db, IReadOnlyList<EventRecord> added, CancellationToken cancellationToken)
    {
        if (added.Count == 0)
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await WriteEventsAsync(connection, transaction, added, cancellationToken).ConfigureAwait(false);
        await WriteReasonsAsync(connection, transaction, added, cancellationToken).ConfigureAwait(false);
        await WritePeopleAsync(connection, transaction, added, cancellationToken).ConfigureAwait(false);
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

        await using var command = Prepare(connection, transaction, EventUpsert, "grain", "bucket", "source", "type", "milestone", "outcome", "country", "authenticator", "demo", "count");
        foreach (var ((grain, bucket, source, type, milestone, outcome, country, authenticator, demo), count) in counts)
        {
            await ExecuteAsync(command, cancellationToken, (int)grain, bucket, (int)source, type, milestone, (int)outcome, country, authenticator, demo, count).ConfigureAwait(false);
        }
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

        if (counts.Count == 0)
        {
            return;
        }

        await using var command = Prepare(connection, transaction, ReasonUpsert, "grain", "bucket", "source", "type", "field", "code", "canonical", "count");
        foreach (var ((grain, bucket, source, type, field, code, canonical), count) in counts)
        {
            await ExecuteAsync(command, cancellationToken, (int)grain, bucket, (int)source, type, field, code, canonical, count).ConfigureAwait(false);
        }
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

        var ids = await PersonIdsAsync(connection, transaction, seen.Keys.Select(k => k.Item4).Distinct(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        await using var command = Prepare(connection, transaction, PersonUpsert, "grain", "bucket", "source", "person", "started", "completed");
        foreach (var ((grain, bucket, source, person), (started, completed)) in seen)
        {
            await ExecuteAsync(command, cancellationToken, (int)grain, bucket, (int)source, ids[person], started, completed).ConfigureAwait(false);
        }
    }

    private static async Task<Dictionary<string, long>> PersonIdsAsync(DbConnection connection, DbTransaction? transaction, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var select = Prepare(connection, transaction, "SELECT id FROM rollup_people WHERE person_key = @key;", "key");
        await using var insert = Prepare(connection, transaction, "INSERT INTO rollup_people (person_key) VALUES (@key) RETURNING id;", "key");
        foreach (var key in keys)
        {
            select.Parameters[0].Value = key;
            var id = await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (id is null)
            {
                insert.Parameters[0].Value = key;
                id = await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }

            ids[key] = Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
        }

        return ids;
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction? transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Constant SQL from this class; every value is a parameter.
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

    private static Task<int> ExecuteAsync(DbCommand command, CancellationToken cancellationToken, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        return command.ExecuteNonQueryAsync(cancellationToken);
    }
}
