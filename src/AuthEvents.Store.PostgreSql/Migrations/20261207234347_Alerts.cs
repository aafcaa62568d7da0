using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AuthEvents.Store.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Alerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alert_channels",
                columns: table => new
                {
                    channel = table.Column<string>(type: "text", nullable: false),
                    last_success_ticks = table.Column<long>(type: "bigint", nullable: true),
                    last_failure_ticks = table.Column<long>(type: "bigint", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    consecutive_failures = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_channels", x => x.channel);
                });

            migrationBuilder.CreateTable(
                name: "alert_counters",
                columns: table => new
                {
                    rule_id = table.Column<string>(type: "text", nullable: false),
                    alert_key = table.Column<string>(type: "text", nullable: false),
                    bucket_ticks = table.Column<long>(type: "bigint", nullable: false),
                    member = table.Column<string>(type: "text", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    last_event_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_counters", x => new { x.rule_id, x.alert_key, x.bucket_ticks, x.member });
                });

            migrationBuilder.CreateTable(
                name: "alert_evidence",
                columns: table => new
                {
                    alert_id = table.Column<long>(type: "bigint", nullable: false),
                    event_id = table.Column<long>(type: "bigint", nullable: false),
                    step = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_evidence", x => new { x.alert_id, x.event_id });
                });

            migrationBuilder.CreateTable(
                name: "alert_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    alert_id = table.Column<long>(type: "bigint", nullable: false),
                    at_ticks = table.Column<long>(type: "bigint", nullable: false),
                    change = table.Column<int>(type: "integer", nullable: false),
                    from_status = table.Column<int>(type: "integer", nullable: true),
                    to_status = table.Column<int>(type: "integer", nullable: true),
                    actor_subject = table.Column<string>(type: "text", nullable: false),
                    actor_name = table.Column<string>(type: "text", nullable: false),
                    text = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_history", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "alert_outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    history_id = table.Column<long>(type: "bigint", nullable: false),
                    channel = table.Column<string>(type: "text", nullable: false),
                    delivery_id = table.Column<string>(type: "text", nullable: false),
                    payload_json = table.Column<string>(type: "text", nullable: false),
                    created_at_ticks = table.Column<long>(type: "bigint", nullable: false),
                    next_attempt_at_ticks = table.Column<long>(type: "bigint", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    claimed_by = table.Column<string>(type: "text", nullable: true),
                    claimed_until_ticks = table.Column<long>(type: "bigint", nullable: true),
                    delivered_at_ticks = table.Column<long>(type: "bigint", nullable: true),
                    gave_up_at_ticks = table.Column<long>(type: "bigint", nullable: true),
                    last_status = table.Column<int>(type: "integer", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "alert_rules",
                columns: table => new
                {
                    rule_id = table.Column<string>(type: "text", nullable: false),
                    fingerprint = table.Column<string>(type: "text", nullable: false),
                    mode = table.Column<int>(type: "integer", nullable: false),
                    cursor_event_id = table.Column<long>(type: "bigint", nullable: false),
                    replay_target_event_id = table.Column<long>(type: "bigint", nullable: true),
                    replay_from_ticks = table.Column<long>(type: "bigint", nullable: true),
                    replay_position_ticks = table.Column<long>(type: "bigint", nullable: true),
                    replay_position_event_id = table.Column<long>(type: "bigint", nullable: true),
                    replay_done = table.Column<long>(type: "bigint", nullable: false),
                    replay_total = table.Column<long>(type: "bigint", nullable: false),
                    scheduled_through_ticks = table.Column<long>(type: "bigint", nullable: true),
                    updated_at_ticks = table.Column<long>(type: "bigint", nullable: false),
                    updated_by_node = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_rules", x => x.rule_id);
                });

            migrationBuilder.CreateTable(
                name: "alert_state",
                columns: table => new
                {
                    key = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_state", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    rule_id = table.Column<string>(type: "text", nullable: false),
                    alert_key = table.Column<string>(type: "text", nullable: false),
                    key_kind = table.Column<int>(type: "integer", nullable: false),
                    key_label = table.Column<string>(type: "text", nullable: true),
                    severity = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    assignee_subject = table.Column<string>(type: "text", nullable: true),
                    assignee_name = table.Column<string>(type: "text", nullable: true),
                    first_seen_ticks = table.Column<long>(type: "bigint", nullable: false),
                    last_seen_ticks = table.Column<long>(type: "bigint", nullable: false),
                    opened_at_ticks = table.Column<long>(type: "bigint", nullable: false),
                    updated_at_ticks = table.Column<long>(type: "bigint", nullable: false),
                    status_changed_at_ticks = table.Column<long>(type: "bigint", nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false),
                    evidence_kept = table.Column<int>(type: "integer", nullable: false),
                    summary = table.Column<string>(type: "text", nullable: false),
                    figures_json = table.Column<string>(type: "text", nullable: false),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false),
                    origin = table.Column<int>(type: "integer", nullable: false),
                    rule_fingerprint = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    change_seq = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alerts", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alert_counters_rule_id_bucket_ticks",
                table: "alert_counters",
                columns: new[] { "rule_id", "bucket_ticks" });

            migrationBuilder.CreateIndex(
                name: "IX_alert_evidence_event_id",
                table: "alert_evidence",
                column: "event_id");

            migrationBuilder.CreateIndex(
                name: "IX_alert_history_alert_id_id",
                table: "alert_history",
                columns: new[] { "alert_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_alert_outbox_history_id_channel",
                table: "alert_outbox",
                columns: new[] { "history_id", "channel" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_alert_outbox_next_attempt_at_ticks",
                table: "alert_outbox",
                column: "next_attempt_at_ticks",
                filter: "delivered_at_ticks IS NULL AND gave_up_at_ticks IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_change_seq",
                table: "alerts",
                column: "change_seq");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_last_seen_ticks",
                table: "alerts",
                column: "last_seen_ticks");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_rule_id_alert_key",
                table: "alerts",
                columns: new[] { "rule_id", "alert_key" },
                unique: true,
                filter: "status IN (1, 2)");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_status_last_seen_ticks",
                table: "alerts",
                columns: new[] { "status", "last_seen_ticks" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_channels");

            migrationBuilder.DropTable(
                name: "alert_counters");

            migrationBuilder.DropTable(
                name: "alert_evidence");

            migrationBuilder.DropTable(
                name: "alert_history");

            migrationBuilder.DropTable(
                name: "alert_outbox");

            migrationBuilder.DropTable(
                name: "alert_rules");

            migrationBuilder.DropTable(
                name: "alert_state");

            migrationBuilder.DropTable(
                name: "alerts");
        }
    }
}
