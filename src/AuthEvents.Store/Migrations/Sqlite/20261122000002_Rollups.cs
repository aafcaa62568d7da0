using AuthEvents.Core.Events;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AuthEvents.Store.Migrations.Sqlite;

/// <summary>
/// The rollups the overview and failure pages read (see <see cref="RollupWriter"/>): events and failure reasons counted
/// per minute, hour and day, and the people seen per hour and day. The tables are <c>WITHOUT ROWID</c>, clustered on
/// their key (grain, bucket, …), so a time range is one contiguous read; EF's table builder cannot say that, hence SQL.
/// Existing events are counted into the new tables here, in the migration's transaction, with the same rules as
/// <see cref="RollupWriter"/>. Hand-written like <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(AuthEventsDbContext))]
[Migration("20261122000002_Rollups")]
public sealed class RollupsSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        // The events' unique key now leads with the provider event id. Led by the source, it was the index SQLite
        // chose for any "source IN (...)" filter (an equality beats a time range when there are no statistics), and
        // then read a whole source's events to find a week of them. The dedupe lookup uses all three columns either way.
        migrationBuilder.DropIndex("IX_events_source_tenant_provider_event_id", "events");
        migrationBuilder.CreateIndex("IX_events_provider_event_id_source_tenant", "events", ["provider_event_id", "source", "tenant"], unique: true);

        migrationBuilder.Sql("""
            CREATE TABLE event_rollups (
                grain INTEGER NOT NULL,
                bucket_ticks INTEGER NOT NULL,
                source INTEGER NOT NULL,
                event_type TEXT NOT NULL,
                milestone TEXT NOT NULL,
                outcome INTEGER NOT NULL,
                country TEXT NOT NULL,
                authenticator TEXT NOT NULL,
                is_demo INTEGER NOT NULL,
                count INTEGER NOT NULL,
                CONSTRAINT PK_event_rollups PRIMARY KEY (grain, bucket_ticks, source, event_type, milestone, outcome, country, authenticator, is_demo)
            ) WITHOUT ROWID;
            """);
        migrationBuilder.Sql("""
            CREATE TABLE reason_rollups (
                grain INTEGER NOT NULL,
                bucket_ticks INTEGER NOT NULL,
                source INTEGER NOT NULL,
                event_type TEXT NOT NULL,
                field TEXT NOT NULL,
                code TEXT NOT NULL,
                canonical TEXT NOT NULL,
                count INTEGER NOT NULL,
                CONSTRAINT PK_reason_rollups PRIMARY KEY (grain, bucket_ticks, source, event_type, field, code, canonical)
            ) WITHOUT ROWID;
            """);
        migrationBuilder.Sql("""
            CREATE TABLE rollup_people (
                id INTEGER NOT NULL CONSTRAINT PK_rollup_people PRIMARY KEY AUTOINCREMENT,
                person_key TEXT NOT NULL
            );
            """);
        migrationBuilder.CreateIndex("IX_rollup_people_person_key", "rollup_people", "person_key", unique: true);
        migrationBuilder.Sql("""
            CREATE TABLE person_rollups (
                grain INTEGER NOT NULL,
                bucket_ticks INTEGER NOT NULL,
                source INTEGER NOT NULL,
                person_id INTEGER NOT NULL,
                idv_started INTEGER NOT NULL,
                idv_completed INTEGER NOT NULL,
                CONSTRAINT PK_person_rollups PRIMARY KEY (grain, bucket_ticks, source, person_id)
            ) WITHOUT ROWID;
            """);

        // Backfill: the events stored before this migration, counted as RollupWriter counts new ones.
        foreach (var grain in RollupWriter.EventGrains)
        {
            var bucket = Bucket("occurred_at_ticks", grain);
            migrationBuilder.Sql($"""
                INSERT INTO event_rollups (grain, bucket_ticks, source, event_type, milestone, outcome, country, authenticator, is_demo, count)
                SELECT {(int)grain}, {bucket}, source, event_type, milestone, outcome, COALESCE(country, ''), COALESCE(authenticator, ''), is_demo, COUNT(*)
                FROM events GROUP BY 2, 3, 4, 5, 6, 7, 8, 9;
                """);
            migrationBuilder.Sql($"""
                INSERT INTO reason_rollups (grain, bucket_ticks, source, event_type, field, code, canonical, count)
                SELECT {(int)grain}, {bucket}, source, event_type, field, code, canonical, COUNT(*)
                FROM failure_reasons GROUP BY 2, 3, 4, 5, 6, 7;
                """);
        }

        migrationBuilder.Sql("INSERT INTO rollup_people (person_key) SELECT DISTINCT person_key FROM events WHERE person_key IS NOT NULL ORDER BY person_key;");
        foreach (var grain in RollupWriter.PersonGrains)
        {
            migrationBuilder.Sql($"""
                INSERT INTO person_rollups (grain, bucket_ticks, source, person_id, idv_started, idv_completed)
                SELECT {(int)grain}, {Bucket("e.occurred_at_ticks", grain)}, e.source, p.id,
                       MAX(substr(e.milestone, 1, 4) = '{RollupWriter.IdvPrefix}'), MAX(e.milestone = '{Milestones.IdvComplete}' AND e.outcome = {(int)Outcome.Success})
                FROM events e JOIN rollup_people p ON p.person_key = e.person_key
                GROUP BY 2, 3, 4;
                """);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("person_rollups");
        migrationBuilder.DropTable("rollup_people");
        migrationBuilder.DropTable("reason_rollups");
        migrationBuilder.DropTable("event_rollups");
        migrationBuilder.DropIndex("IX_events_provider_event_id_source_tenant", "events");
        migrationBuilder.CreateIndex("IX_events_source_tenant_provider_event_id", "events", ["source", "tenant", "provider_event_id"], unique: true);
    }

    private static string Bucket(string ticks, Entities.RollupGrain grain)
    {
        var size = (long)grain * TimeSpan.TicksPerMinute;
        return FormattableString.Invariant($"({ticks} - {ticks} % {size})");
    }
}
