using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using AuthEvents.Store.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AuthEvents.Store.Journeys;

/// <summary>
/// The journey index: kept current by <see cref="EventStore.CommitAsync"/> in the same transaction as the events, and
/// rebuilt from the stored events when it was built with other funnel definitions (or not at all, as after the
/// migration that added it).
/// </summary>
public static class JourneyIndex
{
    private const string FingerprintKey = "funnels";
    private const int RebuildChunk = 5000;

    /// <summary>Indexes events just added in <paramref name="db"/>'s open transaction (after SaveChanges gave them ids).</summary>
    internal static Task ApplyAsync(AuthEventsDbContext db, IReadOnlyList<(EventRecord Record, AuthEvent Event)> added, CancellationToken cancellationToken)
    {
        var (connection, transaction) = Connection(db);
        return JourneyIndexWriter.ApplyAsync(connection, transaction, added.Select(a => JourneyInput.From(a.Record, a.Event)).ToList(), cancellationToken);
    }

    /// <summary>
    /// Rebuilds the index from the stored events unless it was built with the current <see cref="Funnels.Fingerprint"/>.
    /// Runs at start-up, before anything writes; an interrupted rebuild starts over at the next start.
    /// </summary>
    /// <returns>The number of events indexed by a rebuild; 0 when the index was current.</returns>
    public static async Task<long> EnsureCurrentAsync(IDbContextFactory<AuthEventsDbContext> contexts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var stored = await db.Set<JourneyStateRecord>().AsNoTracking().Where(s => s.Key == FingerprintKey).Select(s => s.Value)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (stored == Funnels.Fingerprint)
        {
            return 0;
        }

        await using (var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM journey_attempts; DELETE FROM journey_events; DELETE FROM journey_identities; DELETE FROM journey_state;", cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        long indexed = 0;
        long after = 0;
        while (true)
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var (connection, transaction) = Connection(db);
            var chunk = await ReadStoredAsync(connection, transaction, after, cancellationToken).ConfigureAwait(false);
            if (chunk.Count == 0)
            {
                db.Set<JourneyStateRecord>().Add(new JourneyStateRecord { Key = FingerprintKey, Value = Funnels.Fingerprint });
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
                return indexed;
            }

            await JourneyIndexWriter.ApplyAsync(connection, transaction, chunk, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            indexed += chunk.Count;
            after = chunk[^1].EventId;
        }
    }

    private static async Task<List<JourneyInput>> ReadStoredAsync(SqliteConnection connection, SqliteTransaction transaction, long after, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "SELECT e.id, e.source, e.event_type, e.milestone, e.step, e.outcome, e.occurred_at_ticks, e.person_key, e.email_masked, e.subject_key, " +
            "e.session_key, e.country, e.authenticator, CASE WHEN e.outcome = $rateLimited THEN e.attributes_json END, r.canonical, r.field, r.code " +
            "FROM events e LEFT JOIN failure_reasons r ON r.id = (SELECT MIN(id) FROM failure_reasons WHERE event_id = e.id) " +
            "WHERE e.id > $after ORDER BY e.id LIMIT $limit";
        command.Parameters.AddWithValue("$rateLimited", (int)Outcome.RateLimited);
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$limit", RebuildChunk);
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

    private static (SqliteConnection Connection, SqliteTransaction Transaction) Connection(AuthEventsDbContext db) =>
        ((SqliteConnection)db.Database.GetDbConnection(),
         (SqliteTransaction)(db.Database.CurrentTransaction ?? throw new InvalidOperationException("The journey index is written inside the caller's transaction.")).GetDbTransaction());

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
