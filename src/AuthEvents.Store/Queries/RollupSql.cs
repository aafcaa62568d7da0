using System.Data.Common;
using AuthEvents.Core.Events;
using AuthEvents.Store.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AuthEvents.Store.Queries;

/// <summary>
/// Counts over any <c>[from, to)</c> range read from the rollups: whole days from the day rows, whole hours and
/// minutes towards the edges, and the raw rows for the sub-minute rest at each end (see <see cref="RangePart"/>).
/// The result is exact, as if counted from the events table, but reads a few thousand rows instead of millions.
/// </summary>
internal static class RollupSql
{
    private static readonly IReadOnlyList<RollupGrain> EventGrains = [RollupGrain.Day, RollupGrain.Hour, RollupGrain.Minute];

    // Column in the rollup table, and the same value computed from the events table.
    private static readonly Dictionary<EventDim, (string Rollup, string Raw)> EventColumns = new()
    {
        [EventDim.Source] = ("source", "source"),
        [EventDim.EventType] = ("event_type", "event_type"),
        [EventDim.Milestone] = ("milestone", "milestone"),
        [EventDim.Outcome] = ("outcome", "outcome"),
        [EventDim.Country] = ("country", "COALESCE(country, '')"),
        [EventDim.Authenticator] = ("authenticator", "COALESCE(authenticator, '')"),
    };

    private static readonly Dictionary<ReasonDim, string> ReasonColumns = new()
    {
        [ReasonDim.Source] = "source",
        [ReasonDim.EventType] = "event_type",
        [ReasonDim.Field] = "field",
        [ReasonDim.Code] = "code",
        [ReasonDim.Canonical] = "canonical",
    };

    public static async Task<List<EventCountRow>> CountEventsAsync(
        AuthEventsDbContext db, long from, long to, EventRollupFilter filter, IReadOnlyList<EventDim> dims, Bucketing? bucketing, CancellationToken cancellationToken)
    {
        if (filter.MatchesNothing || from >= to)
        {
            return [];
        }

        var sql = new SqlText();
        var names = dims.Select(d => EventColumns[d].Rollup).ToList();
        var branches = new List<string>();
        foreach (var part in RangePart.Split(from, to, Usable(EventGrains, bucketing)))
        {
            var raw = part.Grain is null;
            var time = raw ? "occurred_at_ticks" : "bucket_ticks";
            var columns = dims.Select(d => (raw ? EventColumns[d].Raw : EventColumns[d].Rollup) + " AS " + EventColumns[d].Rollup);
            var where = new List<string> { Range(sql, part, time) };
            AddFilter(sql, where, filter, raw);
            branches.Add("SELECT " + Select(bucketing, sql, time, columns, raw ? "1" : "\"count\"")
                + (raw ? " FROM events" : " FROM event_rollups") + " WHERE " + string.Join(" AND ", where));
        }

        var rows = await ReadAsync(db, Outer(sql, bucketing, names, branches), reader =>
        {
            var i = 0;
            var bucket = bucketing is null ? 0 : reader.GetInt64(i++);
            var row = new EventCountRow { Bucket = bucket };
            foreach (var dim in dims)
            {
                row = dim switch
                {
                    EventDim.Source => row with { Source = (EventSource)reader.GetInt32(i++) },
                    EventDim.EventType => row with { EventType = reader.GetString(i++) },
                    EventDim.Milestone => row with { Milestone = reader.GetString(i++) },
                    EventDim.Outcome => row with { Outcome = (Outcome)reader.GetInt32(i++) },
                    EventDim.Country => row with { Country = reader.GetString(i++) },
                    _ => row with { Authenticator = reader.GetString(i++) },
                };
            }

            return row with { Count = reader.IsDBNull(i) ? 0 : reader.GetInt64(i) };
        }, cancellationToken).ConfigureAwait(false);
        return rows;
    }

    public static async Task<List<ReasonCountRow>> CountReasonsAsync(
        AuthEventsDbContext db, long from, long to, IReadOnlyList<EventSource> sources, IReadOnlyList<ReasonDim> dims, Bucketing? bucketing, CancellationToken cancellationToken)
    {
        if (from >= to)
        {
            return [];
        }

        var sql = new SqlText();
        var names = dims.Select(d => ReasonColumns[d]).ToList();
        var branches = new List<string>();
        foreach (var part in RangePart.Split(from, to, Usable(EventGrains, bucketing)))
        {
            var raw = part.Grain is null;
            var time = raw ? "occurred_at_ticks" : "bucket_ticks";
            var where = new List<string> { Range(sql, part, time) };
            if (sources.Count > 0)
            {
                where.Add(sql.In("source", sources.Select(s => (int)s)));
            }

            branches.Add("SELECT " + Select(bucketing, sql, time, names, raw ? "1" : "\"count\"")
                + (raw ? " FROM failure_reasons" : " FROM reason_rollups") + " WHERE " + string.Join(" AND ", where));
        }

        return await ReadAsync(db, Outer(sql, bucketing, names, branches), reader =>
        {
            var i = 0;
            var row = new ReasonCountRow { Bucket = bucketing is null ? 0 : reader.GetInt64(i++) };
            foreach (var dim in dims)
            {
                row = dim switch
                {
                    ReasonDim.Source => row with { Source = (EventSource)reader.GetInt32(i++) },
                    ReasonDim.EventType => row with { EventType = reader.GetString(i++) },
                    ReasonDim.Field => row with { Field = reader.GetString(i++) },
                    ReasonDim.Code => row with { Code = reader.GetString(i++) },
                    _ => row with { Canonical = reader.GetString(i++) },
                };
            }

            return row with { Count = reader.IsDBNull(i) ? 0 : reader.GetInt64(i) };
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Events stored after <paramref name="afterId"/> that lie in the range and match the filter. Read by id range (the
    /// unary <c>+</c> keeps SQLite off the time and milestone indexes): the newer events are few, a time range may hold millions.
    /// </summary>
    public static async Task<long> CountStoredAfterAsync(
        AuthEventsDbContext db, long from, long to, EventRollupFilter filter, long afterId, CancellationToken cancellationToken)
    {
        if (filter.MatchesNothing || from >= to)
        {
            return 0;
        }

        var sql = new SqlText();
        var where = new List<string>
        {
            "id > " + sql.Parameter(afterId),
            "+occurred_at_ticks >= " + sql.Parameter(from),
            "+occurred_at_ticks < " + sql.Parameter(to),
        };
        AddFilter(sql, where, filter, raw: true, avoidIndexes: true);
        sql.Append("SELECT COUNT(*) FROM events WHERE ").Append(string.Join(" AND ", where));
        return (await ReadAsync(db, sql, r => r.GetInt64(0), cancellationToken).ConfigureAwait(false)).Single();
    }

    /// <summary>Runs <paramref name="sql"/> on the context's connection (inside its transaction, if one is open) and maps every row.</summary>
    public static async Task<List<T>> ReadAsync<T>(AuthEventsDbContext db, SqlText sql, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await ForEachAsync(db, sql, reader => rows.Add(map(reader)), cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>Runs <paramref name="sql"/> on the context's connection (inside its transaction, if one is open), calling <paramref name="row"/> for every row.</summary>
    public static async Task ForEachAsync(AuthEventsDbContext db, SqlText sql, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = sql.CreateCommand(db.Database.GetDbConnection());
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                row(reader);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private static List<RollupGrain> Usable(IReadOnlyList<RollupGrain> grains, Bucketing? bucketing) =>
        grains.Where(g => bucketing is null || bucketing.Aligns((long)g * TimeSpan.TicksPerMinute)).ToList();

    internal static string Range(SqlText sql, RangePart part, string column) =>
        (part.Grain is { } grain ? "grain = " + sql.Parameter((int)grain) + " AND " : "")
        + column + " >= " + sql.Parameter(part.From) + " AND " + column + " < " + sql.Parameter(part.To);

    private static string Select(Bucketing? bucketing, SqlText sql, string time, IEnumerable<string> columns, string count)
    {
        var list = new List<string>();
        if (bucketing is not null)
        {
            var origin = sql.Parameter(bucketing.OriginTicks);
            var size = sql.Parameter(bucketing.SizeTicks);
            list.Add($"(({time} - {origin}) / {size}) * {size} + {origin} AS bucket");
        }

        list.AddRange(columns);
        list.Add(count + " AS n");
        return string.Join(", ", list);
    }

    private static SqlText Outer(SqlText sql, Bucketing? bucketing, List<string> names, List<string> branches)
    {
        var keys = (bucketing is null ? names : names.Prepend("bucket")).ToList();
        sql.Append("SELECT ").Append(string.Join(", ", keys.Append("SUM(n)")))
            .Append(" FROM (").Append(string.Join(" UNION ALL ", branches)).Append(") AS parts");
        if (keys.Count > 0)
        {
            sql.Append(" GROUP BY ").Append(string.Join(", ", keys));
        }

        return sql;
    }

    private static void AddFilter(SqlText sql, List<string> where, EventRollupFilter filter, bool raw, bool avoidIndexes = false)
    {
        string Column(EventDim dim) => !raw ? EventColumns[dim].Rollup
            : avoidIndexes && EventColumns[dim].Raw == EventColumns[dim].Rollup ? "+" + EventColumns[dim].Raw
            : EventColumns[dim].Raw;
        if (filter.Sources.Count > 0)
        {
            where.Add(sql.In(Column(EventDim.Source), filter.Sources.Select(s => (int)s)));
        }

        if (filter.EventTypes.Count > 0)
        {
            where.Add(sql.In(Column(EventDim.EventType), filter.EventTypes));
        }

        if (filter.Milestones.Count > 0)
        {
            where.Add(sql.In(Column(EventDim.Milestone), filter.Milestones));
        }

        if (filter.Outcomes.Count > 0)
        {
            where.Add(sql.In(Column(EventDim.Outcome), filter.Outcomes.Select(o => (int)o)));
        }

        if (filter.Countries.Count > 0)
        {
            where.Add(sql.In(Column(EventDim.Country), filter.Countries));
        }

        if (filter.Authenticators.Count > 0)
        {
            where.Add(sql.In(Column(EventDim.Authenticator), filter.Authenticators));
        }
    }
}
