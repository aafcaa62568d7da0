using AuthEvents.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AuthEvents.Tests.Analytics;

/// <summary>SQLite plans without statistics: a source filter must not pull a time-range read onto an index led by the source.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class QueryPlanTests
{
    [Theory]
    [InlineData("SELECT id FROM events WHERE occurred_at_ticks >= 1 AND source IN (1, 2) ORDER BY occurred_at_ticks DESC, id DESC LIMIT 100", "IX_events_occurred_at_ticks")]
    [InlineData("SELECT COUNT(*) FROM events WHERE occurred_at_ticks >= 1 AND occurred_at_ticks < 9 AND source = 1", "IX_events_occurred_at_ticks")]
    [InlineData("SELECT id FROM events WHERE provider_event_id IN ('a', 'b') AND source = 1 AND tenant = ''", "IX_events_provider_event_id_source_tenant")]
    [InlineData("SELECT id FROM events WHERE occurred_at_ticks >= 1 AND milestone IN ('login.password') ORDER BY occurred_at_ticks DESC, id DESC LIMIT 100", "IX_events_occurred_at_ticks")]
    [InlineData("SELECT id FROM events WHERE session_key = 's' ORDER BY occurred_at_ticks, step, id LIMIT 100", "IX_events_session_key_occurred_at_ticks")]
    [InlineData("SELECT session_key, COUNT(*) FROM events WHERE device_key = 'd' AND session_key IS NOT NULL GROUP BY session_key", "IX_events_device_key")]
    [InlineData("SELECT session_key, COUNT(*) FROM events WHERE phone_hash = 'p' AND session_key IS NOT NULL GROUP BY session_key", "IX_events_phone_hash")]
    [InlineData("SELECT SUM(\"count\") FROM event_rollups WHERE grain = 60 AND bucket_ticks >= 1 AND bucket_ticks < 9 AND source IN (1)", "PRIMARY KEY")]
    public async Task Plan_TypicalReads_UseTheIntendedIndex(string sql, string index)
    {
        using var database = await new TestDatabase().MigrateAsync();
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant test SQL.
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
#pragma warning restore CA2100
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        Assert.Contains(plan, line => line.Contains(index, StringComparison.Ordinal));
    }
}
