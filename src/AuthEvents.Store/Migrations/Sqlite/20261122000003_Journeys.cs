using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AuthEvents.Store.Migrations.Sqlite;

/// <summary>
/// Journey tables: identities joined into people, a narrow copy of each event with its person, and funnel attempts
/// clustered by funnel and start time (<c>WITHOUT ROWID</c>, so a range of attempts is one contiguous read).
/// Also indexes the events' device key and phone hash for pivots. Existing events are indexed at the next start
/// (see <c>JourneyIndex.EnsureCurrentAsync</c>), not here.
/// </summary>
[DbContext(typeof(AuthEventsDbContext))]
[Migration("20261122000003_Journeys")]
public sealed class JourneysSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "journey_identities",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                identity_key = table.Column<string>(nullable: false),
                kind = table.Column<int>(nullable: false),
                source = table.Column<int>(nullable: true),
                root_id = table.Column<long>(nullable: true),
                evidence = table.Column<int>(nullable: false),
                evidence_event_id = table.Column<long>(nullable: true),
                linked_at_ticks = table.Column<long>(nullable: true),
                label = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_journey_identities", x => x.id));
        migrationBuilder.CreateIndex("IX_journey_identities_identity_key", "journey_identities", "identity_key", unique: true);
        migrationBuilder.CreateIndex("IX_journey_identities_root_id", "journey_identities", "root_id");

        migrationBuilder.CreateTable(
            name: "journey_events",
            columns: table => new
            {
                event_id = table.Column<long>(nullable: false),
                person_id = table.Column<long>(nullable: false),
                occurred_at_ticks = table.Column<long>(nullable: false),
                step = table.Column<int>(nullable: false),
                source = table.Column<int>(nullable: false),
                milestone = table.Column<string>(nullable: false),
                event_type = table.Column<string>(nullable: false),
                outcome = table.Column<int>(nullable: false),
                country = table.Column<string>(nullable: true),
                authenticator = table.Column<string>(nullable: true),
                rate_limit_type = table.Column<string>(nullable: true),
                reason_canonical = table.Column<string>(nullable: true),
                reason_raw = table.Column<string>(nullable: true),
                funnel_mask = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_journey_events", x => x.event_id));
        migrationBuilder.CreateIndex("IX_journey_events_person_id_occurred_at_ticks", "journey_events", ["person_id", "occurred_at_ticks"]);

        // EF Core cannot declare WITHOUT ROWID; the columns match the model (StoreSchemaTests checks them).
        migrationBuilder.Sql("""
            CREATE TABLE "journey_attempts" (
                "funnel" TEXT NOT NULL,
                "start_ticks" INTEGER NOT NULL,
                "person_id" INTEGER NOT NULL,
                "rank" INTEGER NOT NULL,
                "summary" BLOB NOT NULL,
                "country" TEXT NULL,
                "authenticator" TEXT NULL,
                "rate_limit_type" TEXT NULL,
                "failures" INTEGER NOT NULL,
                "last_failure_ticks" INTEGER NULL,
                "last_failure_event_id" INTEGER NULL,
                "last_failure_type" TEXT NULL,
                "last_failure_canonical" TEXT NULL,
                "last_failure_raw" TEXT NULL,
                CONSTRAINT "PK_journey_attempts" PRIMARY KEY ("funnel", "start_ticks", "person_id")
            ) WITHOUT ROWID;
            """);
        migrationBuilder.CreateIndex("IX_journey_attempts_funnel_person_id_start_ticks", "journey_attempts", ["funnel", "person_id", "start_ticks"]);

        migrationBuilder.CreateTable(
            name: "journey_state",
            columns: table => new
            {
                key = table.Column<string>(nullable: false),
                value = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_journey_state", x => x.key));

        migrationBuilder.CreateIndex("IX_events_device_key", "events", "device_key");
        migrationBuilder.CreateIndex("IX_events_phone_hash", "events", "phone_hash");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex("IX_events_phone_hash", "events");
        migrationBuilder.DropIndex("IX_events_device_key", "events");
        migrationBuilder.DropTable("journey_state");
        migrationBuilder.DropTable("journey_attempts");
        migrationBuilder.DropTable("journey_events");
        migrationBuilder.DropTable("journey_identities");
    }
}
