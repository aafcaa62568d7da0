using System.Data.Common;
using System.Globalization;
using System.Text;
using AuthEvents.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Journeys;

/// <summary>Small helpers for the journey read queries: parameterized commands on a context's connection, and timeline rows.</summary>
internal static class JourneySql
{
    /// <summary>The columns of <see cref="TimelineEvent"/>, from the events table aliased <c>e</c>.</summary>
    public const string TimelineColumns =
        "e.id, e.source, e.event_type, e.milestone, e.step, e.outcome, e.person_key, e.subject_key, e.email_masked, e.session_key, e.ip, " +
        "e.country, e.city, e.latitude, e.longitude, e.device_key, e.authenticator, e.phone_hash, e.user_agent, e.occurred_at_ticks, e.is_demo";

    private const int ParameterChunk = 400;

    public static async Task<DbConnection> OpenAsync(AuthEventsDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return db.Database.GetDbConnection();
    }

    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // Callers pass fixed SQL; values travel as parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Runs <paramref name="sql"/> and maps each row.</summary>
    public static async Task<List<T>> ListAsync<T>(
        DbConnection connection, string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>Runs <paramref name="sql"/>, whose <c>{ids}</c> placeholder becomes a parameter list, over <paramref name="ids"/> in chunks.</summary>
    public static async Task<List<T>> ListInAsync<T>(
        DbConnection connection, string sql, IReadOnlyCollection<long> ids, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        foreach (var chunk in ids.Chunk(ParameterChunk))
        {
            var names = new StringBuilder();
            var parameters = new (string, object?)[chunk.Length];
            for (var i = 0; i < chunk.Length; i++)
            {
                var name = "@p" + i.ToString(CultureInfo.InvariantCulture);
                names.Append(i == 0 ? "" : ", ").Append(name);
                parameters[i] = (name, chunk[i]);
            }

            rows.AddRange(await ListAsync(connection, sql.Replace("{ids}", names.ToString(), StringComparison.Ordinal), map, cancellationToken, parameters).ConfigureAwait(false));
        }

        return rows;
    }

    /// <summary>Timeline rows from a query selecting <see cref="TimelineColumns"/> first, with their failure reasons.</summary>
    public static async Task<List<TimelineEvent>> TimelineAsync(
        DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var rows = await ListAsync(connection, sql, ReadTimeline, cancellationToken, parameters).ConfigureAwait(false);
        var failed = rows.Where(r => r.Outcome is Outcome.Failure or Outcome.RateLimited).Select(r => r.Id).ToList();
        if (failed.Count == 0)
        {
            return rows;
        }

        var reasons = (await ListInAsync(
                connection, "SELECT event_id, field, code, canonical FROM failure_reasons WHERE event_id IN ({ids}) ORDER BY id", failed,
                r => (EventId: r.GetInt64(0), Reason: new FailureReason(r.GetString(1), r.GetString(2), r.GetString(3))), cancellationToken).ConfigureAwait(false))
            .ToLookup(x => x.EventId, x => x.Reason);
        return rows.Select(r => reasons.Contains(r.Id) ? r with { Reasons = reasons[r.Id].ToList() } : r).ToList();
    }

    public static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);

    private static TimelineEvent ReadTimeline(DbDataReader r) => new(
        r.GetInt64(0), (EventSource)r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetInt32(4), (Outcome)r.GetInt32(5), [],
        Text(r, 6), Text(r, 7), Text(r, 8), Text(r, 9), Text(r, 10), Text(r, 11), Text(r, 12),
        r.IsDBNull(13) ? null : r.GetDouble(13), r.IsDBNull(14) ? null : r.GetDouble(14),
        Text(r, 15), Text(r, 16), Text(r, 17), Text(r, 18), Utc(r.GetInt64(19)), r.GetBoolean(20));
}
