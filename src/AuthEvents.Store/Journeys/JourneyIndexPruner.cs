using System.Globalization;
using System.Text;
using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using System.Data.Common;

namespace AuthEvents.Store.Journeys;

/// <summary>
/// Takes events that retention deletes out of the journey index, inside the caller's transaction. Their journey rows go,
/// and each person they belonged to has the attempts at the funnels they concerned rebuilt whole from the events left, so
/// funnels count what a store holding only those events would. A person left without events goes with every identity
/// joined into them. A person who keeps events loses the identities none of those events carries, and keeps the rest
/// joined as they were (a person does not split when the event that joined two keys ages out); an evidence link to a
/// deleted event is cleared.
/// </summary>
internal static class JourneyIndexPruner
{
    private const int ParameterChunk = 400;

    /// <returns>The journey rows deleted and the people removed.</returns>
    public static async Task<(int Events, int People)> RemoveAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyCollection<long> eventIds, CancellationToken cancellationToken)
    {
        var funnelsByPerson = new Dictionary<long, int>();
        var removed = 0;
        foreach (var chunk in eventIds.Chunk(ParameterChunk))
        {
            await using (var select = InCommand(connection, transaction, "SELECT person_id, funnel_mask FROM journey_events WHERE event_id IN ({ids})", chunk))
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var person = reader.GetInt64(0);
                    funnelsByPerson[person] = funnelsByPerson.GetValueOrDefault(person) | reader.GetInt32(1);
                }
            }

            await using var delete = InCommand(connection, transaction, "DELETE FROM journey_events WHERE event_id IN ({ids})", chunk);
            removed += await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var people = 0;
        var deleted = eventIds.ToHashSet();
        using var writer = JourneyIndexWriter.Open(connection, transaction);
        foreach (var (person, mask) in funnelsByPerson)
        {
            if (!await HasEventsAsync(connection, transaction, person, cancellationToken).ConfigureAwait(false))
            {
                await ForgetAsync(connection, transaction, person, cancellationToken).ConfigureAwait(false);
                people++;
                continue;
            }

            for (var f = 0; f < Funnels.All.Count; f++)
            {
                if ((mask & (1 << f)) != 0)
                {
                    await writer.RebuildAttemptsAsync(Funnels.All[f], person, long.MinValue, cancellationToken).ConfigureAwait(false);
                }
            }

            await ForgetStaleIdentitiesAsync(connection, transaction, person, deleted, cancellationToken).ConfigureAwait(false);
        }

        return (removed, people);
    }

    private static async Task<bool> HasEventsAsync(DbConnection connection, DbTransaction transaction, long person, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT EXISTS (SELECT 1 FROM journey_events WHERE person_id = @person)", ("@person", person));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) == 1;
    }

    private static async Task ForgetAsync(DbConnection connection, DbTransaction transaction, long person, CancellationToken cancellationToken)
    {
        // Per funnel, so that the (funnel, person_id, start_ticks) index serves each delete.
        foreach (var funnel in Funnels.All)
        {
            await ExecuteAsync(connection, transaction, "DELETE FROM journey_attempts WHERE funnel = @funnel AND person_id = @person", cancellationToken,
                ("@funnel", funnel.Id), ("@person", person)).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, "DELETE FROM journey_identities WHERE root_id = @person", cancellationToken, ("@person", person)).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "DELETE FROM journey_identities WHERE id = @person", cancellationToken, ("@person", person)).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the identities joined into <paramref name="person"/> that none of their remaining events carries (the root
    /// stays: it is the person's key), and clears evidence links to deleted events on the ones that stay.
    /// </summary>
    private static async Task ForgetStaleIdentitiesAsync(
        DbConnection connection, DbTransaction transaction, long person, HashSet<long> deleted, CancellationToken cancellationToken)
    {
        var carried = new HashSet<string>(StringComparer.Ordinal);
        await using (var select = Command(connection, transaction,
            "SELECT e.source, e.event_type, e.person_key, e.subject_key, e.session_key FROM journey_events j JOIN events e ON e.id = j.event_id WHERE j.person_id = @person",
            ("@person", person)))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var (email, subject, session) = IdentityKeys.Of((EventSource)reader.GetInt32(0), reader.GetString(1), Text(reader, 2), Text(reader, 3), Text(reader, 4));
                foreach (var key in new[] { email, subject, session })
                {
                    if (key is not null)
                    {
                        carried.Add(key);
                    }
                }
            }
        }

        var stale = new List<long>();
        var evidenceGone = new List<long>();
        await using (var select = Command(connection, transaction,
            "SELECT id, identity_key, root_id, evidence_event_id FROM journey_identities WHERE id = @person OR root_id = @person", ("@person", person)))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!reader.IsDBNull(2) && !carried.Contains(reader.GetString(1)))
                {
                    stale.Add(reader.GetInt64(0));
                }
                else if (!reader.IsDBNull(3) && deleted.Contains(reader.GetInt64(3)))
                {
                    evidenceGone.Add(reader.GetInt64(0));
                }
            }
        }

        foreach (var id in stale)
        {
            await ExecuteAsync(connection, transaction, "DELETE FROM journey_identities WHERE id = @id", cancellationToken, ("@id", id)).ConfigureAwait(false);
        }

        foreach (var id in evidenceGone)
        {
            await ExecuteAsync(connection, transaction, "UPDATE journey_identities SET evidence_event_id = NULL WHERE id = @id", cancellationToken, ("@id", id)).ConfigureAwait(false);
        }
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static async Task ExecuteAsync(
        DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.AddParameter(name, value);
        }

        return command;
    }

    private static DbCommand InCommand(DbConnection connection, DbTransaction transaction, string sql, long[] ids)
    {
        var names = new StringBuilder();
        var parameters = new (string, object)[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            var name = "@p" + i.ToString(CultureInfo.InvariantCulture);
            names.Append(i == 0 ? "" : ", ").Append(name);
            parameters[i] = (name, ids[i]);
        }

        return Command(connection, transaction, sql.Replace("{ids}", names.ToString(), StringComparison.Ordinal), parameters);
    }
}
