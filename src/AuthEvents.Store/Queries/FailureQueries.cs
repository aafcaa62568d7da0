using AuthEvents.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Queries;

/// <summary>
/// The failures page's breakdowns over <c>[from, to)</c>, optionally for one source, read from the failure-reason
/// rollups. Counts are failure reasons: an event with two reasons counts once under each. One context per call.
/// </summary>
public sealed class FailureQueries(IDbContextFactory<AuthEventsDbContext> contexts)
{
    private static readonly ReasonDim[] AllDims = [ReasonDim.Source, ReasonDim.EventType, ReasonDim.Field, ReasonDim.Code, ReasonDim.Canonical];

    /// <summary>Both trees (with trends) and the failures over time by canonical reason, in two reads.</summary>
    public async Task<FailuresData> LoadAsync(DateTimeOffset from, DateTimeOffset to, EventSource? source, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var trend = await TrendRowsAsync(db, from, to, source, cancellationToken).ConfigureAwait(false);
        var overTime = await OverTimeAsync(db, from, to, source, TimeBuckets.ForRange(from, to), cancellationToken).ConfigureAwait(false);
        return new FailuresData(BySource(from, to, trend), ByCanonical(from, to, trend), overTime);
    }

    /// <summary>Every canonical reason and raw code of either range with its count in both (current minus baseline is the difference).</summary>
    public async Task<ReasonComparison> CompareAsync(
        DateTimeOffset currentFrom, DateTimeOffset currentTo, DateTimeOffset baselineFrom, DateTimeOffset baselineTo, EventSource? source, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var dims = new[] { ReasonDim.Canonical, ReasonDim.Source, ReasonDim.EventType, ReasonDim.Field, ReasonDim.Code };
        var current = await RollupSql.CountReasonsAsync(db, currentFrom.UtcTicks, currentTo.UtcTicks, OverviewQueries.Sources(source), dims, null, cancellationToken).ConfigureAwait(false);
        var baseline = await RollupSql.CountReasonsAsync(db, baselineFrom.UtcTicks, baselineTo.UtcTicks, OverviewQueries.Sources(source), dims, null, cancellationToken).ConfigureAwait(false);
        var rows = current.Select(r => (Row: r, Current: r.Count, Baseline: 0L))
            .Concat(baseline.Select(r => (Row: r, Current: 0L, Baseline: r.Count)))
            .GroupBy(x => (x.Row.Canonical, x.Row.Source, x.Row.EventType, x.Row.Field, x.Row.Code))
            .Select(g => (g.Key.Canonical, Code: new ReasonComparisonRow(g.Key.Source, g.Key.EventType, g.Key.Field, g.Key.Code, g.Sum(x => x.Current), g.Sum(x => x.Baseline))));
        var groups = rows.GroupBy(r => r.Canonical, StringComparer.Ordinal)
            .Select(g => new ReasonComparisonGroup(
                g.Key,
                g.Sum(r => r.Code.Current),
                g.Sum(r => r.Code.Baseline),
                g.Select(r => r.Code)
                    .OrderByDescending(c => Math.Max(c.Current, c.Baseline)).ThenBy(c => c.Source)
                    .ThenBy(c => c.EventType, StringComparer.Ordinal).ThenBy(c => c.Field, StringComparer.Ordinal).ThenBy(c => c.Code, StringComparer.Ordinal)
                    .ToList()))
            .OrderByDescending(g => Math.Max(g.Current, g.Baseline)).ThenBy(g => g.Canonical, StringComparer.Ordinal)
            .ToList();
        return new ReasonComparison(currentFrom, currentTo, baselineFrom, baselineTo, current.Sum(r => r.Count), baseline.Sum(r => r.Count), groups);
    }

    private static async Task<TrendRows> TrendRowsAsync(AuthEventsDbContext db, DateTimeOffset from, DateTimeOffset to, EventSource? source, CancellationToken cancellationToken)
    {
        var size = TimeBuckets.ForTrend(from, to);
        var rows = await RollupSql.CountReasonsAsync(
            db, from.UtcTicks, to.UtcTicks, OverviewQueries.Sources(source), AllDims, TimeBuckets.Bucketing(from, to, size), cancellationToken).ConfigureAwait(false);
        return new TrendRows(size, TimeBuckets.Starts(from, to, size), rows);
    }

    private static async Task<TimeSeries> OverTimeAsync(AuthEventsDbContext db, DateTimeOffset from, DateTimeOffset to, EventSource? source, TimeSpan size, CancellationToken cancellationToken)
    {
        var rows = await RollupSql.CountReasonsAsync(
            db, from.UtcTicks, to.UtcTicks, OverviewQueries.Sources(source), [ReasonDim.Canonical], TimeBuckets.Bucketing(from, to, size), cancellationToken).ConfigureAwait(false);
        var keys = rows.GroupBy(r => r.Canonical, StringComparer.Ordinal)
            .OrderByDescending(g => g.Sum(r => r.Count)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key);
        return TimeBuckets.ToSeries(from, to, size, keys, rows.Select(r => (r.Bucket, r.Canonical, r.Count)));
    }

    private static FailureBreakdown BySource(DateTimeOffset from, DateTimeOffset to, TrendRows data)
    {
        var total = data.Rows.Sum(r => r.Count);
        var nodes = data.Rows.GroupBy(r => r.Source).Select(rows =>
            data.Node(FailureLevel.Source, rows.Key.ToString(), rows, total, rows.GroupBy(r => r.EventType, StringComparer.Ordinal).Select(t => TypeNode(data, total, rows.Key, t)))
            with { Source = rows.Key });
        return new FailureBreakdown(from, to, total, data.Size, data.Buckets, Ordered(nodes));
    }

    private static FailureNode TypeNode(TrendRows data, long total, EventSource source, IGrouping<string, ReasonCountRow> rows) =>
        data.Node(FailureLevel.EventType, rows.Key, rows, total, rows.GroupBy(r => r.Field, StringComparer.Ordinal).Select(f => FieldNode(data, total, source, rows.Key, f)))
        with { Source = source, EventType = rows.Key };

    private static FailureNode FieldNode(TrendRows data, long total, EventSource source, string type, IGrouping<string, ReasonCountRow> rows) =>
        data.Node(FailureLevel.Field, rows.Key, rows, total, rows.GroupBy(r => (r.Code, r.Canonical)).Select(c =>
            data.Node(FailureLevel.Code, c.Key.Code, c, total, []) with { Source = source, EventType = type, Field = rows.Key, Code = c.Key.Code, Canonical = c.Key.Canonical }))
        with { Source = source, EventType = type, Field = rows.Key };

    private static FailureBreakdown ByCanonical(DateTimeOffset from, DateTimeOffset to, TrendRows data)
    {
        var total = data.Rows.Sum(r => r.Count);
        var nodes = data.Rows.GroupBy(r => r.Canonical, StringComparer.Ordinal).Select(byCanonical =>
            data.Node(FailureLevel.Canonical, byCanonical.Key, byCanonical, total,
                byCanonical.GroupBy(r => (r.Source, r.EventType, r.Field, r.Code)).Select(byCode =>
                    data.Node(FailureLevel.Code, byCode.Key.Code, byCode, total, []) with
                    {
                        Source = byCode.Key.Source, EventType = byCode.Key.EventType, Field = byCode.Key.Field, Code = byCode.Key.Code, Canonical = byCanonical.Key,
                    })) with
            {
                Canonical = byCanonical.Key,
            });
        return new FailureBreakdown(from, to, total, data.Size, data.Buckets, Ordered(nodes));
    }

    private static List<FailureNode> Ordered(IEnumerable<FailureNode> nodes) =>
        nodes.OrderByDescending(n => n.Count).ThenBy(n => n.Key, StringComparer.Ordinal).ToList();

    private sealed record TrendRows(TimeSpan Size, IReadOnlyList<DateTimeOffset> Buckets, List<ReasonCountRow> Rows)
    {
        private readonly Dictionary<long, int> _index = Buckets.Select((b, i) => (b.UtcTicks, i)).ToDictionary(x => x.UtcTicks, x => x.i);

        public FailureNode Node(FailureLevel level, string key, IEnumerable<ReasonCountRow> rows, long total, IEnumerable<FailureNode> children)
        {
            var trend = new long[Buckets.Count];
            long count = 0;
            foreach (var row in rows)
            {
                count += row.Count;
                if (_index.TryGetValue(row.Bucket, out var i))
                {
                    trend[i] += row.Count;
                }
            }

            return new FailureNode(level, key, count, total == 0 ? 0 : (double)count / total, trend, Ordered(children));
        }
    }
}
