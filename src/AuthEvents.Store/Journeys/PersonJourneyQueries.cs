using System.Data.Common;
using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using Microsoft.EntityFrameworkCore;
using static AuthEvents.Store.Journeys.JourneySql;

namespace AuthEvents.Store.Journeys;

/// <summary>One person across every provider: the identities joined into them, their events, attempts and shared devices.</summary>
public sealed class PersonJourneyQueries(IDbContextFactory<AuthEventsDbContext> contexts)
{
    private const int SharedValuesPerKind = 15;
    private const int AttemptsPerFunnel = 10;

    /// <summary>The person's key when <paramref name="key"/> (any of their identities) was joined into a person; the key itself otherwise; null when unknown.</summary>
    public async Task<string?> ResolveAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenAsync(db, cancellationToken).ConfigureAwait(false);
        return (await RootAsync(connection, key, cancellationToken).ConfigureAwait(false))?.Key;
    }

    /// <summary>
    /// The person whose root identity is <paramref name="key"/>, with at most <paramref name="limit"/> of their events in
    /// [<paramref name="from"/>, <paramref name="to"/>) (everything when null); null when no such person is indexed.
    /// </summary>
    public async Task<PersonJourney?> FindAsync(string key, DateTimeOffset? from, DateTimeOffset? to, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenAsync(db, cancellationToken).ConfigureAwait(false);
        if (await RootAsync(connection, key, cancellationToken).ConfigureAwait(false) is not { } root)
        {
            return null;
        }

        var range = new (string, object?)[] { ("@person", root.Id), ("@from", from?.UtcTicks ?? long.MinValue), ("@to", to?.UtcTicks ?? long.MaxValue), ("@limit", limit) };
        var events = await TimelineAsync(connection,
            "SELECT " + TimelineColumns + " FROM journey_events j JOIN events e ON e.id = j.event_id " +
            "WHERE j.person_id = @person AND j.occurred_at_ticks >= @from AND j.occurred_at_ticks < @to " +
            "ORDER BY j.occurred_at_ticks DESC, j.step DESC, j.event_id DESC LIMIT @limit", cancellationToken, range).ConfigureAwait(false);
        var total = (await ListAsync(connection,
            "SELECT COUNT(*) FROM journey_events WHERE person_id = @person AND occurred_at_ticks >= @from AND occurred_at_ticks < @to",
            r => r.GetInt32(0), cancellationToken, range).ConfigureAwait(false))[0];

        return new PersonJourney(
            root.Key,
            root.Label,
            await IdentitiesAsync(connection, root.Id, cancellationToken).ConfigureAwait(false),
            events,
            total,
            await AttemptsAsync(connection, root.Id, cancellationToken).ConfigureAwait(false),
            await SharedAsync(connection, root.Id, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<(long Id, string Key, string? Label)?> RootAsync(DbConnection connection, string key, CancellationToken cancellationToken)
    {
        var rows = await ListAsync(connection,
            "SELECT r.id, r.identity_key, r.label FROM journey_identities i JOIN journey_identities r ON r.id = COALESCE(i.root_id, i.id) WHERE i.identity_key = @key",
            r => (r.GetInt64(0), r.GetString(1), Text(r, 2)), cancellationToken, ("@key", key)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private static async Task<List<PersonIdentityRow>> IdentitiesAsync(DbConnection connection, long root, CancellationToken cancellationToken) =>
        await ListAsync(connection,
            "SELECT i.identity_key, i.kind, i.source, i.evidence, e.event_type, i.evidence_event_id, i.linked_at_ticks, i.label " +
            "FROM journey_identities i LEFT JOIN events e ON e.id = i.evidence_event_id WHERE i.id = @root OR i.root_id = @root " +
            "ORDER BY i.root_id IS NOT NULL, i.kind, i.linked_at_ticks",
            r => new PersonIdentityRow(
                r.GetString(0), (IdentityKind)r.GetInt32(1), r.IsDBNull(2) ? null : (EventSource)r.GetInt32(2), (IdentityEvidence)r.GetInt32(3),
                Text(r, 4), r.IsDBNull(5) ? null : r.GetInt64(5), r.IsDBNull(6) ? null : Utc(r.GetInt64(6)), Text(r, 7)),
            cancellationToken, ("@root", root)).ConfigureAwait(false);

    private static async Task<List<PersonAttemptRow>> AttemptsAsync(DbConnection connection, long root, CancellationToken cancellationToken)
    {
        var rows = new List<PersonAttemptRow>();
        foreach (var funnel in Funnels.All)
        {
            rows.AddRange(await ListAsync(connection,
                "SELECT summary, country, authenticator, rate_limit_type, failures, last_failure_ticks, last_failure_event_id, last_failure_type, " +
                "last_failure_canonical, last_failure_raw FROM journey_attempts WHERE funnel = @funnel AND person_id = @root ORDER BY start_ticks DESC LIMIT @limit",
                r => new PersonAttemptRow(funnel, FunnelAttemptCodec.Decode((byte[])r.GetValue(0)) with
                {
                    Country = Text(r, 1),
                    Authenticator = Text(r, 2),
                    RateLimitType = Text(r, 3),
                    Failures = r.GetInt32(4),
                    LastFailure = r.IsDBNull(5) ? null : new JourneyFailure(r.GetInt64(5), r.GetInt64(6), r.GetString(7), Text(r, 8), Text(r, 9)),
                }),
                cancellationToken, ("@funnel", funnel.Id), ("@root", root), ("@limit", AttemptsPerFunnel)).ConfigureAwait(false));
        }

        return rows;
    }

    private static async Task<List<SharedValueRow>> SharedAsync(DbConnection connection, long root, CancellationToken cancellationToken)
    {
        var shared = new List<SharedValueRow>();
        foreach (var (kind, column) in new[] { (PivotKind.Ip, "ip"), (PivotKind.Device, "device_key") })
        {
            var values = await ListAsync(connection,
                $"SELECT e.{column}, COUNT(*), MAX(e.occurred_at_ticks) FROM journey_events j JOIN events e ON e.id = j.event_id " +
                $"WHERE j.person_id = @root AND e.{column} IS NOT NULL GROUP BY e.{column} ORDER BY 3 DESC LIMIT @limit",
                r => (Value: r.GetString(0), Events: r.GetInt32(1), Last: Utc(r.GetInt64(2))), cancellationToken, ("@root", root), ("@limit", SharedValuesPerKind)).ConfigureAwait(false);
            foreach (var v in values)
            {
                var others = (await ListAsync(connection,
                    $"SELECT COUNT(DISTINCT j.person_id) FROM events e JOIN journey_events j ON j.event_id = e.id WHERE e.{column} = @value AND j.person_id <> @root",
                    r => r.GetInt32(0), cancellationToken, ("@value", v.Value), ("@root", root)).ConfigureAwait(false))[0];
                shared.Add(new SharedValueRow(kind, v.Value, v.Events, others, v.Last));
            }
        }

        return shared;
    }
}
