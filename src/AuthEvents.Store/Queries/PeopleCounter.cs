using System.Collections.Concurrent;
using AuthEvents.Core.Events;
using AuthEvents.Store.Entities;

namespace AuthEvents.Store.Queries;

/// <summary>
/// Distinct people over a range from the person rollups: whole days, hours towards the edges, raw events for the
/// rest. A week holds about 100,000 person-day rows, so each bucket's person ids (per day or hour, and source) are
/// kept in memory once read and reused while the bucket's figures (rows, IdV starts, IdV completions) are unchanged:
/// person rollup rows are only ever added and their flags only ever set, so equal figures mean equal rows. Checking
/// the figures aggregates the rows in SQLite without handing them to .NET, a few milliseconds for a week. Thread-safe.
/// </summary>
internal sealed class PeopleCounter
{
    private const int MaxCachedBuckets = 8192;
    private static readonly IReadOnlyList<RollupGrain> Grains = [RollupGrain.Day, RollupGrain.Hour];
    private readonly ConcurrentDictionary<(RollupGrain Grain, long Bucket, EventSource Source), BucketPeople> _buckets = new();

    public async Task<PeopleCounts> CountAsync(AuthEventsDbContext db, long from, long to, IReadOnlyList<EventSource> sources, CancellationToken cancellationToken)
    {
        if (from >= to)
        {
            return default;
        }

        var flags = new PersonFlags();
        var sql = new SqlText();
        var branches = new List<string>();
        foreach (var part in RangePart.Split(from, to, Grains))
        {
            if (part.Grain is { } grain)
            {
                await AddBucketsAsync(db, grain, part, sources, flags, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var where = new List<string> { RollupSql.Range(sql, part, "e.occurred_at_ticks") };
            if (sources.Count > 0)
            {
                where.Add(sql.In("e.source", sources.Select(s => (int)s)));
            }

            branches.Add("SELECT p.id AS person_id, substr(e.milestone, 1, 4) = " + sql.Parameter(RollupWriter.IdvPrefix) + " AS idv_started, "
                + "e.milestone = " + sql.Parameter(Milestones.IdvComplete) + " AND e.outcome = " + sql.Parameter((int)Outcome.Success) + " AS idv_completed "
                + "FROM events e JOIN rollup_people p ON p.person_key = e.person_key WHERE " + string.Join(" AND ", where));
        }

        if (branches.Count > 0)
        {
            sql.Append("SELECT person_id, idv_started, idv_completed FROM (").Append(string.Join(" UNION ALL ", branches)).Append(") AS parts");
            await RollupSql.ForEachAsync(db, sql, r => flags.Add(r.GetInt64(0), Flags(r.GetBoolean(1), r.GetBoolean(2))), cancellationToken).ConfigureAwait(false);
        }

        return flags.Counts();
    }

    private async Task AddBucketsAsync(AuthEventsDbContext db, RollupGrain grain, RangePart part, IReadOnlyList<EventSource> sources, PersonFlags flags, CancellationToken cancellationToken)
    {
        var sql = new SqlText();
        var where = new List<string> { RollupSql.Range(sql, part, "bucket_ticks") };
        if (sources.Count > 0)
        {
            where.Add(sql.In("source", sources.Select(s => (int)s)));
        }

        sql.Append("SELECT bucket_ticks, source, COUNT(*), SUM(CASE WHEN idv_started THEN 1 ELSE 0 END), SUM(CASE WHEN idv_completed THEN 1 ELSE 0 END) FROM person_rollups WHERE ")
            .Append(string.Join(" AND ", where)).Append(" GROUP BY bucket_ticks, source");
        var figures = await RollupSql.ReadAsync(db, sql, r => (Bucket: r.GetInt64(0), Source: (EventSource)r.GetInt32(1), Figures: new BucketFigures(r.GetInt64(2), r.GetInt64(3), r.GetInt64(4))), cancellationToken)
            .ConfigureAwait(false);
        foreach (var (bucket, source, current) in figures)
        {
            if (!_buckets.TryGetValue((grain, bucket, source), out var people) || people.Figures != current)
            {
                people = await LoadBucketAsync(db, grain, bucket, source, cancellationToken).ConfigureAwait(false);
                if (_buckets.Count >= MaxCachedBuckets)
                {
                    _buckets.Clear();
                }

                _buckets[(grain, bucket, source)] = people;
            }

            for (var i = 0; i < people.Ids.Length; i++)
            {
                flags.Add(people.Ids[i], people.Flags[i]);
            }
        }
    }

    private static async Task<BucketPeople> LoadBucketAsync(AuthEventsDbContext db, RollupGrain grain, long bucket, EventSource source, CancellationToken cancellationToken)
    {
        var sql = new SqlText();
        sql.Append("SELECT person_id, idv_started, idv_completed FROM person_rollups WHERE grain = ").Append(sql.Parameter((int)grain))
            .Append(" AND bucket_ticks = ").Append(sql.Parameter(bucket)).Append(" AND source = ").Append(sql.Parameter((int)source));
        var ids = new List<long>();
        var flags = new List<byte>();
        await RollupSql.ForEachAsync(db, sql, r =>
        {
            ids.Add(r.GetInt64(0));
            flags.Add(Flags(r.GetBoolean(1), r.GetBoolean(2)));
        }, cancellationToken).ConfigureAwait(false);
        // The figures of the rows actually read (a commit may have landed since they were checked).
        var figures = new BucketFigures(ids.Count, flags.Count(f => (f & 2) != 0), flags.Count(f => (f & 4) != 0));
        return new BucketPeople(figures, ids.ToArray(), flags.ToArray());
    }

    private static byte Flags(bool started, bool completed) => (byte)(1 | (started ? 2 : 0) | (completed ? 4 : 0));

    private readonly record struct BucketFigures(long Rows, long Started, long Completed);

    private sealed record BucketPeople(BucketFigures Figures, long[] Ids, byte[] Flags);

    /// <summary>One flag byte per person id (ids are small and dense): seen, started IdV, completed IdV.</summary>
    private sealed class PersonFlags
    {
        private byte[] _flags = new byte[1024];

        public void Add(long id, byte flags)
        {
            if (id >= _flags.Length)
            {
                Array.Resize(ref _flags, (int)Math.Max(id + 1, _flags.Length * 2L));
            }

            _flags[id] |= flags;
        }

        public PeopleCounts Counts()
        {
            long people = 0, started = 0, completed = 0;
            foreach (var f in _flags)
            {
                people += f & 1;
                started += (f >> 1) & 1;
                completed += (f >> 2) & 1;
            }

            return new PeopleCounts(people, started, completed);
        }
    }
}
