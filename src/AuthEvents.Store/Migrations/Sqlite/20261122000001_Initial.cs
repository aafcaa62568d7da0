using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AuthEvents.Store.Migrations.Sqlite;

/// <summary>
/// The first schema. Hand-written, like the next two, before <c>dotnet ef</c> was available here; stores have applied them
/// under these ids, so they stay as they are. Later migrations are generated (see <see cref="Baseline"/>).
/// </summary>
[DbContext(typeof(AuthEventsDbContext))]
[Migration("20261122000001_Initial")]
public sealed class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "inbox",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                source = table.Column<int>(nullable: false),
                tenant = table.Column<string>(nullable: false),
                provider_event_id = table.Column<string>(nullable: false),
                received_at_ticks = table.Column<long>(nullable: false),
                payload = table.Column<byte[]>(nullable: false),
                payload_format = table.Column<string>(nullable: false, defaultValue: "json"),
                is_demo = table.Column<bool>(nullable: false),
                state = table.Column<int>(nullable: false),
                processed_at_ticks = table.Column<long>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_inbox", x => x.id));
        migrationBuilder.CreateIndex("IX_inbox_source_tenant_provider_event_id", "inbox", ["source", "tenant", "provider_event_id"], unique: true);
        migrationBuilder.CreateIndex("IX_inbox_state_id", "inbox", ["state", "id"]);

        migrationBuilder.CreateTable(
            name: "events",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                source = table.Column<int>(nullable: false),
                tenant = table.Column<string>(nullable: false, defaultValue: ""),
                provider_event_id = table.Column<string>(nullable: false),
                event_type = table.Column<string>(nullable: false),
                milestone = table.Column<string>(nullable: false),
                step = table.Column<int>(nullable: false),
                outcome = table.Column<int>(nullable: false),
                subject_key = table.Column<string>(nullable: true),
                person_key = table.Column<string>(nullable: true),
                email_masked = table.Column<string>(nullable: true),
                session_key = table.Column<string>(nullable: true),
                ip = table.Column<string>(nullable: true),
                country = table.Column<string>(nullable: true),
                city = table.Column<string>(nullable: true),
                latitude = table.Column<double>(nullable: true),
                longitude = table.Column<double>(nullable: true),
                user_agent = table.Column<string>(nullable: true),
                device_key = table.Column<string>(nullable: true),
                authenticator = table.Column<string>(nullable: true),
                phone_hash = table.Column<string>(nullable: true),
                occurred_at_ticks = table.Column<long>(nullable: false),
                received_at_ticks = table.Column<long>(nullable: false),
                reason_codes = table.Column<string>(nullable: true),
                attributes_json = table.Column<string>(nullable: false),
                is_demo = table.Column<bool>(nullable: false),
                inbox_id = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_events", x => x.id));
        migrationBuilder.CreateIndex("IX_events_source_tenant_provider_event_id", "events", ["source", "tenant", "provider_event_id"], unique: true);
        migrationBuilder.CreateIndex("IX_events_occurred_at_ticks", "events", "occurred_at_ticks");
        migrationBuilder.CreateIndex("IX_events_person_key_occurred_at_ticks", "events", ["person_key", "occurred_at_ticks"]);
        migrationBuilder.CreateIndex("IX_events_session_key_occurred_at_ticks", "events", ["session_key", "occurred_at_ticks"]);
        migrationBuilder.CreateIndex("IX_events_milestone_occurred_at_ticks", "events", ["milestone", "occurred_at_ticks"]);
        migrationBuilder.CreateIndex("IX_events_ip", "events", "ip");

        migrationBuilder.CreateTable(
            name: "failure_reasons",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                event_id = table.Column<long>(nullable: false),
                source = table.Column<int>(nullable: false),
                event_type = table.Column<string>(nullable: false),
                field = table.Column<string>(nullable: false),
                code = table.Column<string>(nullable: false),
                canonical = table.Column<string>(nullable: false),
                occurred_at_ticks = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_failure_reasons", x => x.id);
                table.ForeignKey("FK_failure_reasons_events_event_id", x => x.event_id, "events", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_failure_reasons_event_id", "failure_reasons", "event_id");
        migrationBuilder.CreateIndex("IX_failure_reasons_occurred_at_ticks_canonical", "failure_reasons", ["occurred_at_ticks", "canonical"]);

        migrationBuilder.CreateTable(
            name: "quarantine",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                inbox_id = table.Column<long>(nullable: false),
                source = table.Column<int>(nullable: false),
                provider_event_id = table.Column<string>(nullable: false),
                reason = table.Column<string>(nullable: false),
                quarantined_at_ticks = table.Column<long>(nullable: false),
                replay_count = table.Column<int>(nullable: false),
                resolved_at_ticks = table.Column<long>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_quarantine", x => x.id));
        migrationBuilder.CreateIndex("IX_quarantine_inbox_id", "quarantine", "inbox_id", unique: true);

        migrationBuilder.CreateTable(
            name: "source_states",
            columns: table => new
            {
                source = table.Column<int>(nullable: false),
                cursor = table.Column<string>(nullable: true),
                pending_acks = table.Column<string>(nullable: true),
                last_success_at_ticks = table.Column<long>(nullable: true),
                last_attempt_at_ticks = table.Column<long>(nullable: true),
                consecutive_failures = table.Column<int>(nullable: false),
                last_error = table.Column<string>(nullable: true),
                events_received = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_source_states", x => x.source));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("failure_reasons");
        migrationBuilder.DropTable("events");
        migrationBuilder.DropTable("quarantine");
        migrationBuilder.DropTable("inbox");
        migrationBuilder.DropTable("source_states");
    }
}
