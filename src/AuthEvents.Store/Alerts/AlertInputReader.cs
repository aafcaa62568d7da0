using System.Data.Common;
using System.Text.Json;
using AuthEvents.Core.Alerts;
using AuthEvents.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AuthEvents.Store.Alerts;

/// <summary>
/// Reads stored events as the rules see them (<see cref="AlertInput"/>): the event's columns joined to its journey person's
/// root identity. One indexed read per call: by id after a cursor, or by address and time for an alert's evidence.
/// </summary>
public static class AlertInputReader
{
    private const string Columns = """
        SELECT e.id, e.source, e.tenant, e.event_type, e.milestone, e.outcome, e.occurred_at_ticks, e.received_at_ticks,
               e.ip, e.session_key, e.country, e.latitude, e.longitude, e.device_key, e.authenticator, e.phone_hash,
               e.reason_codes, e.is_demo, r.identity_key, r.label,
               CASE WHEN e.phone_hash IS NOT NULL THEN e.attributes_json END
        """;

    // journey_events.person_id is the root identity's id (merges move the rows), so r is the person's root.
    private const string Select = Columns + """

        FROM events e
        LEFT JOIN journey_events j ON j.event_id = e.id
        LEFT JOIN journey_identities r ON r.id = j.person_id
        """;

    /// <summary>
    /// The events stored after <paramref name="afterId"/>, in id order, at most <paramref name="limit"/>. Commits are one at a
    /// time (SQLite has one writer; PostgreSQL commits under <see cref="AdvisoryLocks.Commit"/>), so once an id is visible
    /// every smaller one is too, and a cursor that moves past what it read never skips an event.
    /// </summary>
    public static Task<IReadOnlyList<AlertInput>> ReadAfterAsync(AuthEventsDbContext db, long afterId, int limit, CancellationToken cancellationToken) =>
        ReadAsync(db, Select + " WHERE e.id > @after ORDER BY e.id LIMIT @limit", [("after", afterId), ("limit", limit)], cancellationToken);

    /// <summary>The events from one address that happened in [<paramref name="from"/>, <paramref name="to"/>), oldest first (the <c>ip</c> index).</summary>
    public static Task<IReadOnlyList<AlertInput>> ReadByIpsAsync(
        AuthEventsDbContext db, IReadOnlyCollection<string> ips, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ips);
        var names = ips.Select((_, i) => "@ip" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var parameters = ips.Select((ip, i) => ("ip" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), (object)ip))
            .Append(("from", from.UtcTicks)).Append(("to", to.UtcTicks)).Append(("limit", limit)).ToList();
        return ReadAsync(db, Select + " WHERE e.ip IN (" + string.Join(", ", names) + ") AND e.occurred_at_ticks >= @from AND e.occurred_at_ticks < @to" +
            " ORDER BY e.occurred_at_ticks, e.id LIMIT @limit", parameters, cancellationToken);
    }

    /// <summary>The events that happened in [<paramref name="from"/>, <paramref name="to"/>), oldest first (the time index), at most <paramref name="limit"/>.</summary>
    public static Task<IReadOnlyList<AlertInput>> ReadBetweenAsync(
        AuthEventsDbContext db, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken) =>
        ReadAsync(db, Select + " WHERE e.occurred_at_ticks >= @from AND e.occurred_at_ticks < @to ORDER BY e.occurred_at_ticks, e.id LIMIT @limit",
            [("from", from.UtcTicks), ("to", to.UtcTicks), ("limit", limit)], cancellationToken);

    /// <summary>
    /// One journey person's events that happened in [<paramref name="from"/>, <paramref name="to"/>], every provider's, oldest
    /// first (the journey index's <c>(person_id, occurred_at_ticks)</c> index), at most <paramref name="limit"/>.
    /// </summary>
    /// <param name="db">The store.</param>
    /// <param name="person">The person's root identity key.</param>
    /// <param name="from">The earliest time, inclusive.</param>
    /// <param name="to">The latest time, inclusive.</param>
    /// <param name="limit">The most events read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static Task<IReadOnlyList<AlertInput>> ReadPersonAsync(
        AuthEventsDbContext db, string person, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken) =>
        ReadAsync(db, Columns + """

            FROM journey_identities r
            JOIN journey_events j ON j.person_id = r.id
            JOIN events e ON e.id = j.event_id
            WHERE r.identity_key = @person AND j.occurred_at_ticks >= @from AND j.occurred_at_ticks <= @to
            ORDER BY j.occurred_at_ticks, j.event_id LIMIT @limit
            """, [("person", person), ("from", from.UtcTicks), ("to", to.UtcTicks), ("limit", limit)], cancellationToken);

    private static async Task<IReadOnlyList<AlertInput>> ReadAsync(
        AuthEventsDbContext db, string sql, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
#pragma warning disable CA2100 // Fixed SQL from this class; every value is a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.AddParameter("@" + name, value);
        }

        var inputs = new List<AlertInput>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            inputs.Add(Read(reader));
        }

        return inputs;
    }

    private static AlertInput Read(DbDataReader r)
    {
        var reasons = r.IsDBNull(16) ? [] : r.GetString(16).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new AlertInput
        {
            EventId = r.GetInt64(0),
            Source = (EventSource)r.GetInt32(1),
            Tenant = r.GetString(2),
            EventType = r.GetString(3),
            Milestone = r.GetString(4),
            Outcome = (Outcome)r.GetInt32(5),
            OccurredAt = new DateTimeOffset(r.GetInt64(6), TimeSpan.Zero),
            ReceivedAt = new DateTimeOffset(r.GetInt64(7), TimeSpan.Zero),
            Ip = Text(r, 8),
            SessionKey = Text(r, 9),
            Country = Text(r, 10),
            Latitude = r.IsDBNull(11) ? null : r.GetDouble(11),
            Longitude = r.IsDBNull(12) ? null : r.GetDouble(12),
            DeviceKey = Text(r, 13),
            Authenticator = Text(r, 14),
            PhoneHash = Text(r, 15),
            Reasons = reasons,
            IsDemo = r.GetBoolean(17),
            Person = Text(r, 18),
            PersonLabel = Text(r, 19),
            PhoneRegion = r.IsDBNull(20) ? null : PhoneRegionOf(r.GetString(20)),
        };
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static string? PhoneRegionOf(string attributesJson)
    {
        using var document = JsonDocument.Parse(attributesJson);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty(AlertInput.PhoneRegionAttribute, out var region)
            && region.ValueKind == JsonValueKind.String ? region.GetString() : null;
    }
}
