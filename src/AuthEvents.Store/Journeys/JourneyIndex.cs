using System.Globalization;
using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using AuthEvents.Store.Entities;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AuthEvents.Store.Journeys;

/// <summary>
/// The journey index: kept current by <see cref="EventStore.CommitAsync"/> in the same transaction as the events, and
/// rebuilt from the stored events when it was built with other funnel definitions (or not at all, as after the
/// migration that added it). The rebuild runs while the dashboard serves (<see cref="JourneyIndexBuilder"/>): start-up
/// only empties the index and notes the newest stored event; events stored after that are indexed on write as usual,
/// and the builder indexes the older ones a chunk at a time, to the writer just late arrivals.
/// </summary>
public static class JourneyIndex
{
    private const string FingerprintKey = "funnels";
    // While a rebuild runs: the newest event id stored when it began, the last id it indexed, and event counts for progress.
    private const string TargetKey = "rebuild_target";
    private const string ThroughKey = "rebuild_through";
    private const string TotalKey = "rebuild_total";
    private const string DoneKey = "rebuild_done";
    private const int RebuildChunk = 20_000;

    /// <summary>Indexes events just added in <paramref name="db"/>'s open transaction (after SaveChanges gave them ids).</summary>
    internal static Task ApplyAsync(AuthEventsDbContext db, IReadOnlyList<StoredEvent> added, CancellationToken cancellationToken)
    {
        var (connection, transaction) = Connection(db);
        return JourneyIndexWriter.ApplyAsync(connection, transaction, added.Select(a => JourneyInput.From(a.Record, a.Event)).ToList(), cancellationToken);
    }

    /// <summary>Takes events being deleted out of the index in <paramref name="db"/>'s open transaction (see <see cref="JourneyIndexPruner"/>).</summary>
    internal static Task<(int Events, int People)> RemoveAsync(AuthEventsDbContext db, IReadOnlyCollection<long> eventIds, CancellationToken cancellationToken)
    {
        var (connection, transaction) = Connection(db);
        return JourneyIndexPruner.RemoveAsync(connection, transaction, eventIds, cancellationToken);
    }

    /// <summary>
    /// At start-up: when the index was not built with the current <see cref="Funnels.Fingerprint"/>,
    /// empties it and records that every event stored so far must be indexed again. Quick whatever the store's size; the
    /// indexing itself is <see cref="RebuildNextAsync"/>'s. A rebuild interrupted by a restart carries on where it stopped.
    /// </summary>
    public static async Task<JourneyIndexProgress> PrepareAsync(IDbContextFactory<AuthEventsDbContext> contexts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var (connection, transaction) = Connection(db);
        await AdvisoryLocks.TakeForTransactionAsync(db.Database, AdvisoryLocks.Commit, cancellationToken).ConfigureAwait(false);
        var state = await ReadStateAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (state.GetValueOrDefault(FingerprintKey) == Funnels.Fingerprint)
        {
            return ProgressOf(state);
        }

        await ExecuteAsync(connection, transaction, "DELETE FROM journey_attempts; DELETE FROM journey_events; DELETE FROM journey_identities; DELETE FROM journey_state;", cancellationToken).ConfigureAwait(false);
        await using var count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = "SELECT COALESCE(MAX(id), 0), COUNT(*) FROM events";
        long target, total;
        await using (var reader = await count.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            (target, total) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        var fresh = new Dictionary<string, string>(StringComparer.Ordinal) { [FingerprintKey] = Funnels.Fingerprint };
        if (total > 0)
        {
            fresh[TargetKey] = Number(target);
            fresh[ThroughKey] = Number(0);
            fresh[TotalKey] = Number(total);
            fresh[DoneKey] = Number(0);
        }

        await WriteStateAsync(connection, transaction, fresh, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ProgressOf(fresh);
    }

    /// <summary>
    /// Indexes the next <paramref name="chunk"/> events of a rebuild in one transaction, taking a turn at
    /// <paramref name="gate"/> like any other writer; after the last one the rebuild's state is removed.
    /// </summary>
    public static async Task<JourneyIndexProgress> RebuildNextAsync(IDbContextFactory<AuthEventsDbContext> contexts, StoreWriteGate? gate, int chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        using var turn = gate is null ? null : await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var (connection, transaction) = Connection(db);
        await AdvisoryLocks.TakeForTransactionAsync(db.Database, AdvisoryLocks.Commit, cancellationToken).ConfigureAwait(false);
        var state = await ReadStateAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (!state.TryGetValue(TargetKey, out var targetText))
        {
            return ProgressOf(state);
        }

        var target = long.Parse(targetText, CultureInfo.InvariantCulture);
        var through = long.Parse(state[ThroughKey], CultureInfo.InvariantCulture);
        var rows = await ReadStoredAsync(connection, transaction, through, target, chunk, cancellationToken).ConfigureAwait(false);
        await JourneyIndexWriter.ApplyAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
        var done = long.Parse(state[DoneKey], CultureInfo.InvariantCulture) + rows.Count;
        if (rows.Count < chunk || rows[^1].EventId >= target)
        {
            // The last chunk: the index is whole again, and the rebuild's state goes with this transaction.
            await ExecuteAsync(connection, transaction, $"DELETE FROM journey_state WHERE key IN ('{TargetKey}', '{ThroughKey}', '{TotalKey}', '{DoneKey}');", cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new JourneyIndexProgress(done, done);
        }

        var advanced = new Dictionary<string, string>(StringComparer.Ordinal) { [ThroughKey] = Number(rows[^1].EventId), [DoneKey] = Number(done) };
        await WriteStateAsync(connection, transaction, advanced, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new JourneyIndexProgress(done, long.Parse(state[TotalKey], CultureInfo.InvariantCulture));
    }

    /// <summary>How far a rebuild has come (<see cref="JourneyIndexProgress.Current"/> when none is running).</summary>
    public static async Task<JourneyIndexProgress> ProgressAsync(IDbContextFactory<AuthEventsDbContext> contexts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var state = await db.Set<JourneyStateRecord>().AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        return ProgressOf(state);
    }

    /// <summary>
    /// Prepares and runs a whole rebuild at once, for a store nothing else writes to (tools, benchmarks, tests).
    /// </summary>
    /// <returns>The number of events indexed; 0 when the index was current.</returns>
    public static async Task<long> EnsureCurrentAsync(IDbContextFactory<AuthEventsDbContext> contexts, CancellationToken cancellationToken)
    {
        var start = await PrepareAsync(contexts, cancellationToken).ConfigureAwait(false);
        var progress = start;
        while (progress.Building)
        {
            progress = await RebuildNextAsync(contexts, null, RebuildChunk, cancellationToken).ConfigureAwait(false);
        }

        return progress.Indexed - start.Indexed;
    }

    private static JourneyIndexProgress ProgressOf(Dictionary<string, string> state) =>
        state.TryGetValue(TotalKey, out var total) && state.TryGetValue(DoneKey, out var done)
            ? new JourneyIndexProgress(long.Parse(done, CultureInfo.InvariantCulture), long.Parse(total, CultureInfo.InvariantCulture))
            : JourneyIndexProgress.Current;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task<Dictionary<string, string>> ReadStateAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT key, value FROM journey_state";
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            state[reader.GetString(0)] = reader.GetString(1);
        }

        return state;
    }

    private static async Task WriteStateAsync(DbConnection connection, DbTransaction transaction, Dictionary<string, string> state, CancellationToken cancellationToken)
    {
        foreach (var (key, value) in state)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO journey_state (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
            command.AddParameter("@key", key);
            command.AddParameter("@value", value);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<JourneyInput>> ReadStoredAsync(DbConnection connection, DbTransaction transaction, long after, long upTo, int limit, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // The chunk's events first (LIMIT inside), each with its first reason's id, then that reason by primary key, row by
        // row: a join on the subquery itself let PostgreSQL read every event up to the target and hash every failure reason
        // for each chunk, so that a rebuild grew with the square of the store.
        command.CommandText =
            "SELECT e.id, e.source, e.event_type, e.milestone, e.step, e.outcome, e.occurred_at_ticks, e.person_key, e.email_masked, e.subject_key, " +
            "e.session_key, e.country, e.authenticator, e.limited_json, " +
            "(SELECT r.canonical FROM failure_reasons r WHERE r.id = e.reason_id), (SELECT r.field FROM failure_reasons r WHERE r.id = e.reason_id), " +
            "(SELECT r.code FROM failure_reasons r WHERE r.id = e.reason_id) " +
            "FROM (SELECT c.id, c.source, c.event_type, c.milestone, c.step, c.outcome, c.occurred_at_ticks, c.person_key, c.email_masked, c.subject_key, " +
            "c.session_key, c.country, c.authenticator, CASE WHEN c.outcome = @rateLimited THEN c.attributes_json END AS limited_json, " +
            "(SELECT MIN(f.id) FROM failure_reasons f WHERE f.event_id = c.id) AS reason_id " +
            "FROM events c WHERE c.id > @after AND c.id <= @upTo ORDER BY c.id LIMIT @limit) e ORDER BY e.id";
        command.AddParameter("@rateLimited", (int)Outcome.RateLimited);
        command.AddParameter("@after", after);
        command.AddParameter("@upTo", upTo);
        command.AddParameter("@limit", limit);
        var rows = new List<JourneyInput>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var type = reader.GetString(2);
            var outcome = (Outcome)reader.GetInt32(5);
            rows.Add(new JourneyInput(
                reader.GetInt64(0), (EventSource)reader.GetInt32(1), type, reader.GetString(3), reader.GetInt32(4), outcome, reader.GetInt64(6),
                Text(reader, 7), Text(reader, 8), Text(reader, 9), Text(reader, 10), Text(reader, 11), Text(reader, 12),
                outcome == Outcome.RateLimited ? Limiter(Text(reader, 13)) ?? type : null,
                Text(reader, 14), reader.IsDBNull(15) ? null : reader.GetString(15) + ": " + reader.GetString(16)));
        }

        return rows;
    }

    private static string? Limiter(string? attributesJson)
    {
        if (attributesJson is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(attributesJson);
        return json.RootElement.ValueKind == JsonValueKind.Object
            && json.RootElement.TryGetProperty(JourneyInput.LimiterAttribute, out var limiter)
            && limiter.ValueKind == JsonValueKind.String ? limiter.GetString() : null;
    }

    private static (DbConnection Connection, DbTransaction Transaction) Connection(AuthEventsDbContext db) =>
        (db.Database.GetDbConnection(),
         (db.Database.CurrentTransaction ?? throw new InvalidOperationException("The journey index is written inside the caller's transaction.")).GetDbTransaction());

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
