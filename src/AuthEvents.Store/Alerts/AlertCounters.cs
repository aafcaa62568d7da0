using AuthEvents.Core.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AuthEvents.Store.Alerts;

/// <summary>
/// The IP-keyed rules' minute counters (<c>alert_counters</c>): read for the keys a run touches, added to with one upsert
/// per chunk, pruned once their window has passed.
/// </summary>
public static class AlertCounters
{
    /// <summary>The kept cells of <paramref name="ruleId"/> for <paramref name="keys"/> with minutes in [<paramref name="fromTicks"/>, <paramref name="toTicks"/>].</summary>
    public static async Task<IReadOnlyList<CounterCell>> LoadAsync(
        AuthEventsDbContext db, string ruleId, IReadOnlyCollection<string> keys, long fromTicks, long toTicks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        var cells = new List<CounterCell>();
        foreach (var chunk in keys.Chunk(500))
        {
            var rows = await db.Set<AlertCounterRecord>().AsNoTracking()
                .Where(c => c.RuleId == ruleId && chunk.Contains(c.AlertKey) && c.BucketTicks >= fromTicks && c.BucketTicks <= toTicks)
                .Select(c => new { c.AlertKey, c.BucketTicks, c.Member, c.Count })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            cells.AddRange(rows.Select(c => new CounterCell(c.AlertKey, c.BucketTicks, c.Member, c.Count)));
        }

        return cells;
    }

    /// <summary>Adds <paramref name="cells"/> (sorted, so concurrent writers lock rows in one order) to the kept counts.</summary>
    public static async Task AddAsync(AuthEventsDbContext db, string ruleId, IReadOnlyList<CounterCell> cells, long lastEventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0)
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await BatchSql.ForChunksAsync(connection, transaction, cells,
            "INSERT INTO alert_counters (rule_id, alert_key, bucket_ticks, member, count, last_event_id)", 6,
            "ON CONFLICT (rule_id, alert_key, bucket_ticks, member) DO UPDATE SET count = alert_counters.count + excluded.count, last_event_id = excluded.last_event_id",
            (command, at, c) =>
            {
                BatchSql.Set(command, at, ruleId);
                BatchSql.Set(command, at + 1, c.Key);
                BatchSql.Set(command, at + 2, c.BucketTicks);
                BatchSql.Set(command, at + 3, c.Member);
                BatchSql.Set(command, at + 4, c.Count);
                BatchSql.Set(command, at + 5, lastEventId);
            },
            command => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes <paramref name="ruleId"/>'s cells (all of them, or those of minutes before <paramref name="beforeTicks"/>); returns how many.</summary>
    public static Task<int> DeleteAsync(AuthEventsDbContext db, string ruleId, long? beforeTicks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cells = db.Set<AlertCounterRecord>().Where(c => c.RuleId == ruleId);
        if (beforeTicks is { } cut)
        {
            cells = cells.Where(c => c.BucketTicks < cut);
        }

        return cells.ExecuteDeleteAsync(cancellationToken);
    }
}
