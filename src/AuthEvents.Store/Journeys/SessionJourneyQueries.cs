using System.Data.Common;
using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using Microsoft.EntityFrameworkCore;
using static AuthEvents.Store.Journeys.JourneySql;

namespace AuthEvents.Store.Journeys;

/// <summary>One session: its events in order, the person's events around it, and pivots to other sessions and people.</summary>
public sealed class SessionJourneyQueries(IDbContextFactory<AuthEventsDbContext> contexts)
{
    private const int SessionEventLimit = 2000;
    private const int ContextEvents = 5;
    private const int PivotLimit = 10;
    private const int PivotValuesPerKind = 5;

    /// <summary>The session, or null when no event carries <paramref name="key"/>.</summary>
    public async Task<SessionJourney?> FindAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenAsync(db, cancellationToken).ConfigureAwait(false);
        var events = await TimelineAsync(connection,
            "SELECT " + TimelineColumns + " FROM events e WHERE e.session_key = @key ORDER BY e.occurred_at_ticks, e.step, e.id LIMIT @limit",
            cancellationToken, ("@key", key), ("@limit", SessionEventLimit)).ConfigureAwait(false);
        if (events.Count == 0)
        {
            return null;
        }

        var ids = events.Select(e => e.Id).ToList();
        var journey = await ListInAsync(connection,
            "SELECT event_id, person_id, occurred_at_ticks, step, source, milestone, event_type, outcome, country, authenticator, rate_limit_type, " +
            "reason_canonical, reason_raw FROM journey_events WHERE event_id IN ({ids})", ids,
            r => (Person: r.GetInt64(1), Event: new JourneyEvent(
                r.GetInt64(0), r.GetInt64(2), r.GetInt32(3), (EventSource)r.GetInt32(4), r.GetString(5), r.GetString(6), (Outcome)r.GetInt32(7),
                Text(r, 8), Text(r, 9), Text(r, 10), Text(r, 11), Text(r, 12))),
            cancellationToken).ConfigureAwait(false);
        var people = journey.GroupBy(j => j.Person).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => (Id: g.Key, Events: g.Count(), Last: Utc(g.Max(x => x.Event.OccurredTicks)))).ToList();
        var labels = await LabelsAsync(connection, people.Select(p => p.Id).ToList(), cancellationToken).ConfigureAwait(false);

        List<TimelineEvent> before = [], after = [];
        if (people.Count > 0)
        {
            var main = people[0].Id;
            before = await TimelineAsync(connection,
                "SELECT " + TimelineColumns + " FROM journey_events j JOIN events e ON e.id = j.event_id WHERE j.person_id = @person " +
                "AND j.occurred_at_ticks <= @first AND (e.session_key IS NULL OR e.session_key <> @key) " +
                "ORDER BY j.occurred_at_ticks DESC, j.step DESC, j.event_id DESC LIMIT @limit",
                cancellationToken, ("@person", main), ("@first", events[0].OccurredAt.UtcTicks), ("@key", key), ("@limit", ContextEvents)).ConfigureAwait(false);
            before.Reverse();
            after = await TimelineAsync(connection,
                "SELECT " + TimelineColumns + " FROM journey_events j JOIN events e ON e.id = j.event_id WHERE j.person_id = @person " +
                "AND j.occurred_at_ticks >= @last AND (e.session_key IS NULL OR e.session_key <> @key) " +
                "ORDER BY j.occurred_at_ticks, j.step, j.event_id LIMIT @limit",
                cancellationToken, ("@person", main), ("@last", events[^1].OccurredAt.UtcTicks), ("@key", key), ("@limit", ContextEvents)).ConfigureAwait(false);
        }

        var pivots = new List<PivotRow>();
        var sessionPeople = people.Select(p => p.Id).ToHashSet();
        foreach (var (kind, values) in new[]
        {
            (PivotKind.Ip, events.Select(e => e.Ip)),
            (PivotKind.Device, events.Select(e => e.DeviceKey)),
            (PivotKind.Phone, events.Select(e => e.PhoneHash)),
        })
        {
            foreach (var value in values.OfType<string>().GroupBy(v => v, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Take(PivotValuesPerKind).Select(g => g.Key))
            {
                pivots.Add(await PivotAsync(connection, kind, value, key, sessionPeople, cancellationToken).ConfigureAwait(false));
            }
        }

        return new SessionJourney(
            key,
            events,
            journey.Select(j => j.Event).Order(JourneyEvent.Order).ToList(),
            people.Select(p => new PivotPerson(labels.GetValueOrDefault(p.Id).Key ?? "", labels.GetValueOrDefault(p.Id).Label, p.Events, p.Last)).ToList(),
            before,
            after,
            pivots);
    }

    private static async Task<PivotRow> PivotAsync(DbConnection connection, PivotKind kind, string value, string session, HashSet<long> sessionPeople, CancellationToken cancellationToken)
    {
        var column = kind switch
        {
            PivotKind.Ip => "ip",
            PivotKind.Device => "device_key",
            _ => "phone_hash",
        };
        var sessions = await ListAsync(connection,
            $"SELECT session_key, MIN(source), COUNT(*), MIN(occurred_at_ticks), MAX(occurred_at_ticks) FROM events WHERE {column} = @value " +
            "AND session_key IS NOT NULL AND session_key <> @session GROUP BY session_key ORDER BY 5 DESC",
            r => new PivotSession(r.GetString(0), (EventSource)r.GetInt32(1), r.GetInt32(2), Utc(r.GetInt64(3)), Utc(r.GetInt64(4))),
            cancellationToken, ("@value", value), ("@session", session)).ConfigureAwait(false);
        var people = (await ListAsync(connection,
                $"SELECT j.person_id, COUNT(*), MAX(e.occurred_at_ticks) FROM events e JOIN journey_events j ON j.event_id = e.id WHERE e.{column} = @value " +
                "GROUP BY j.person_id ORDER BY 3 DESC",
                r => (Id: r.GetInt64(0), Events: r.GetInt32(1), Last: Utc(r.GetInt64(2))), cancellationToken, ("@value", value)).ConfigureAwait(false))
            .Where(p => !sessionPeople.Contains(p.Id)).ToList();
        var labels = await LabelsAsync(connection, people.Take(PivotLimit).Select(p => p.Id).ToList(), cancellationToken).ConfigureAwait(false);
        return new PivotRow(
            kind,
            value,
            sessions.Take(PivotLimit).ToList(),
            sessions.Count,
            people.Take(PivotLimit).Select(p => new PivotPerson(labels.GetValueOrDefault(p.Id).Key ?? "", labels.GetValueOrDefault(p.Id).Label, p.Events, p.Last)).ToList(),
            people.Count);
    }

    private static async Task<Dictionary<long, (string? Key, string? Label)>> LabelsAsync(DbConnection connection, List<long> ids, CancellationToken cancellationToken) =>
        (await ListInAsync(connection, "SELECT id, identity_key, label FROM journey_identities WHERE id IN ({ids})", ids,
            r => (Id: r.GetInt64(0), Key: r.GetString(1), Label: Text(r, 2)), cancellationToken).ConfigureAwait(false))
        .ToDictionary(x => x.Id, x => ((string?)x.Key, x.Label));
}
