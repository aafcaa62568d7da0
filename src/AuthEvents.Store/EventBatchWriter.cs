using System.Data.Common;
using AuthEvents.Core.Events;
using AuthEvents.Store.Entities;

namespace AuthEvents.Store;

/// <summary>An event the batch inserted: its new id is set on <see cref="Record"/>.</summary>
internal sealed record StoredEvent(EventRecord Record, AuthEvent Event);

/// <summary>
/// Inserts events and their failure reasons with multi-row statements, without EF change tracking (one entity per
/// row was most of a commit's cost). <c>ON CONFLICT DO NOTHING RETURNING</c> says which rows are new: only those are
/// returned, so a duplicate is never counted, whichever writer stored it first.
/// </summary>
internal static class EventBatchWriter
{
    private const string EventHead =
        "INSERT INTO events (source, tenant, provider_event_id, event_type, milestone, step, outcome, subject_key, person_key, email_masked, " +
        "session_key, ip, country, city, latitude, longitude, user_agent, device_key, authenticator, phone_hash, occurred_at_ticks, " +
        "received_at_ticks, reason_codes, attributes_json, is_demo, inbox_id)";

    private const int EventColumns = 26;

    private const string EventTail = "ON CONFLICT (provider_event_id, source, tenant) DO NOTHING RETURNING id, provider_event_id, source, tenant";

    private const string ReasonHead = "INSERT INTO failure_reasons (event_id, source, event_type, field, code, canonical, occurred_at_ticks)";

    private const int ReasonColumns = 7;

    /// <summary>
    /// Inserts <paramref name="candidates"/> (already free of duplicates among themselves) and their failure reasons;
    /// returns those that were not stored before, with their ids, in the order given.
    /// </summary>
    public static async Task<List<StoredEvent>> InsertAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<StoredEvent> candidates, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<(string, EventSource, string), long>();
        await BatchSql.ForChunksAsync(connection, transaction, candidates, EventHead, EventColumns, EventTail, BindEvent, async command =>
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids[(reader.GetString(1), (EventSource)reader.GetInt32(2), reader.GetString(3))] = reader.GetInt64(0);
            }
        }, cancellationToken).ConfigureAwait(false);

        var stored = new List<StoredEvent>(ids.Count);
        foreach (var candidate in candidates)
        {
            var r = candidate.Record;
            if (ids.TryGetValue((r.ProviderEventId, r.Source, r.Tenant), out var id))
            {
                r.Id = id;
                foreach (var reason in r.FailureReasons)
                {
                    reason.EventId = id;
                }

                stored.Add(candidate);
            }
        }

        var reasons = stored.SelectMany(s => s.Record.FailureReasons).ToList();
        await BatchSql.ForChunksAsync(connection, transaction, reasons, ReasonHead, ReasonColumns, "", BindReason,
            command => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        return stored;
    }

    private static void BindEvent(DbCommand command, int at, StoredEvent item)
    {
        var e = item.Record;
        object?[] values =
        [
            (int)e.Source, e.Tenant, e.ProviderEventId, e.EventType, e.Milestone, e.Step, (int)e.Outcome, e.SubjectKey, e.PersonKey, e.EmailMasked,
            e.SessionKey, e.Ip, e.Country, e.City, e.Latitude, e.Longitude, e.UserAgent, e.DeviceKey, e.Authenticator, e.PhoneHash, e.OccurredAtTicks,
            e.ReceivedAtTicks, e.ReasonCodes, e.AttributesJson, e.IsDemo, e.InboxId,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            BatchSql.Set(command, at + i, values[i]);
        }
    }

    private static void BindReason(DbCommand command, int at, FailureReasonRecord r)
    {
        BatchSql.Set(command, at, r.EventId);
        BatchSql.Set(command, at + 1, (int)r.Source);
        BatchSql.Set(command, at + 2, r.EventType);
        BatchSql.Set(command, at + 3, r.Field);
        BatchSql.Set(command, at + 4, r.Code);
        BatchSql.Set(command, at + 5, r.Canonical);
        BatchSql.Set(command, at + 6, r.OccurredAtTicks);
    }
}
