using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AuthEvents.Store.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    at_ticks = table.Column<long>(type: "bigint", nullable: false),
                    subject = table.Column<string>(type: "text", nullable: false),
                    user_name = table.Column<string>(type: "text", nullable: false),
                    roles = table.Column<string>(type: "text", nullable: false),
                    action = table.Column<string>(type: "text", nullable: false),
                    target = table.Column<string>(type: "text", nullable: false),
                    detail = table.Column<string>(type: "text", nullable: false),
                    client_ip = table.Column<string>(type: "text", nullable: false),
                    user_agent = table.Column<string>(type: "text", nullable: false),
                    hash = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "event_rollups",
                columns: table => new
                {
                    grain = table.Column<int>(type: "integer", nullable: false),
                    bucket_ticks = table.Column<long>(type: "bigint", nullable: false),
                    source = table.Column<int>(type: "integer", nullable: false),
                    event_type = table.Column<string>(type: "text", nullable: false),
                    milestone = table.Column<string>(type: "text", nullable: false),
                    outcome = table.Column<int>(type: "integer", nullable: false),
                    country = table.Column<string>(type: "text", nullable: false),
                    authenticator = table.Column<string>(type: "text", nullable: false),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_event_rollups", x => new { x.grain, x.bucket_ticks, x.source, x.event_type, x.milestone, x.outcome, x.country, x.authenticator, x.is_demo });
                });

            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source = table.Column<int>(type: "integer", nullable: false),
                    tenant = table.Column<string>(type: "text", nullable: false, defaultValue: ""),
                    provider_event_id = table.Column<string>(type: "text", nullable: false),
                    event_type = table.Column<string>(type: "text", nullable: false),
                    milestone = table.Column<string>(type: "text", nullable: false),
                    step = table.Column<int>(type: "integer", nullable: false),
                    outcome = table.Column<int>(type: "integer", nullable: false),
                    subject_key = table.Column<string>(type: "text", nullable: true),
                    person_key = table.Column<string>(type: "text", nullable: true),
                    email_masked = table.Column<string>(type: "text", nullable: true),
                    session_key = table.Column<string>(type: "text", nullable: true),
                    ip = table.Column<string>(type: "text", nullable: true),
                    country = table.Column<string>(type: "text", nullable: true),
                    city = table.Column<string>(type: "text", nullable: true),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    user_agent = table.Column<string>(type: "text", nullable: true),
                    device_key = table.Column<string>(type: "text", nullable: true),
                    authenticator = table.Column<string>(type: "text", nullable: true),
                    phone_hash = table.Column<string>(type: "text", nullable: true),
                    occurred_at_ticks = table.Column<long>(type: "bigint", nullable: false),
                    received_at_ticks = table.Column<long>(type: "bigint", nullable: false),
                    reason_codes = table.Column<string>(type: "text", nullable: true),
                    attributes_json = table.Column<string>(type: "text", nullable: false),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false),
                    inbox_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source = table.Column<int>(type: "integer", nullable: false),
                    tenant = table.Column<string>(type: "text", nullable: false),
                    provider_event_id = table.Column<string>(type: "text", nullable: false),
                    received_at_ticks = table.Column<long>(type: "bigint", nullable: false),
                    payload = table.Column<byte[]>(type: "bytea", nullable: false),
                    payload_format = table.Column<string>(type: "text", nullable: false, defaultValue: "json"),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    processed_at_ticks = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "journey_attempts",
                columns: table => new
                {
                    funnel = table.Column<string>(type: "text", nullable: false),
                    start_ticks = table.Column<long>(type: "bigint", nullable: false),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false),
                    summary = table.Column<byte[]>(type: "bytea", nullable: false),
                    country = table.Column<string>(type: "text", nullable: true),
                    authenticator = table.Column<string>(type: "text", nullable: true),
                    rate_limit_type = table.Column<string>(type: "text", nullable: true),
                    failures = table.Column<int>(type: "integer", nullable: false),
                    last_failure_ticks = table.Column<long>(type: "bigint", nullable: true),
                    last_failure_event_id = table.Column<long>(type: "bigint", nullable: true),
                    last_failure_type = table.Column<string>(type: "text", nullable: true),
                    last_failure_canonical = table.Column<string>(type: "text", nullable: true),
                    last_failure_raw = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journey_attempts", x => new { x.funnel, x.start_ticks, x.person_id });
                });

            migrationBuilder.CreateTable(
                name: "journey_events",
                columns: table => new
                {
                    event_id = table.Column<long>(type: "bigint", nullable: false),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    occurred_at_ticks = table.Column<long>(type: "bigint", nullable: false),
                    step = table.Column<int>(type: "integer", nullable: false),
                    source = table.Column<int>(type: "integer", nullable: false),
                    milestone = table.Column<string>(type: "text", nullable: false),
                    event_type = table.Column<string>(type: "text", nullable: false),
                    outcome = table.Column<int>(type: "integer", nullable: false),
                    country = table.Column<string>(type: "text", nullable: true),
                    authenticator = table.Column<string>(type: "text", nullable: true),
                    rate_limit_type = table.Column<string>(type: "text", nullable: true),
                    reason_canonical = table.Column<string>(type: "text", nullable: true),
                    reason_raw = table.Column<string>(type: "text", nullable: true),
                    funnel_mask = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journey_events", x => x.event_id);
                });

            migrationBuilder.CreateTable(
                name: "journey_identities",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    identity_key = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    source = table.Column<int>(type: "integer", nullable: true),
                    root_id = table.Column<long>(type: "bigint", nullable: true),
                    evidence = table.Column<int>(type: "integer", nullable: false),
                    evidence_event_id = table.Column<long>(type: "bigint", nullable: true),
                    linked_at_ticks = table.Column<long>(type: "bigint", nullable: true),
                    label = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journey_identities", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "journey_state",
                columns: table => new
                {
                    key = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journey_state", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "person_rollups",
                columns: table => new
                {
                    grain = table.Column<int>(type: "integer", nullable: false),
                    bucket_ticks = table.Column<long>(type: "bigint", nullable: false),
                    source = table.Column<int>(type: "integer", nullable: false),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    idv_started = table.Column<bool>(type: "boolean", nullable: false),
                    idv_completed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_person_rollups", x => new { x.grain, x.bucket_ticks, x.source, x.person_id });
                });

            migrationBuilder.CreateTable(
                name: "quarantine",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    inbox_id = table.Column<long>(type: "bigint", nullable: false),
                    source = table.Column<int>(type: "integer", nullable: false),
                    provider_event_id = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    quarantined_at_ticks = table.Column<long>(type: "bigint", nullable: false),
                    replay_count = table.Column<int>(type: "integer", nullable: false),
                    resolved_at_ticks = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quarantine", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reason_rollups",
                columns: table => new
                {
                    grain = table.Column<int>(type: "integer", nullable: false),
                    bucket_ticks = table.Column<long>(type: "bigint", nullable: false),
                    source = table.Column<int>(type: "integer", nullable: false),
                    event_type = table.Column<string>(type: "text", nullable: false),
                    field = table.Column<string>(type: "text", nullable: false),
                    code = table.Column<string>(type: "text", nullable: false),
                    canonical = table.Column<string>(type: "text", nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reason_rollups", x => new { x.grain, x.bucket_ticks, x.source, x.event_type, x.field, x.code, x.canonical });
                });

            migrationBuilder.CreateTable(
                name: "rollup_people",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_key = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollup_people", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "source_states",
                columns: table => new
                {
                    source = table.Column<int>(type: "integer", nullable: false),
                    cursor = table.Column<string>(type: "text", nullable: true),
                    pending_acks = table.Column<string>(type: "text", nullable: true),
                    last_success_at_ticks = table.Column<long>(type: "bigint", nullable: true),
                    last_attempt_at_ticks = table.Column<long>(type: "bigint", nullable: true),
                    consecutive_failures = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    events_received = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_source_states", x => x.source);
                });

            migrationBuilder.CreateTable(
                name: "failure_reasons",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    event_id = table.Column<long>(type: "bigint", nullable: false),
                    source = table.Column<int>(type: "integer", nullable: false),
                    event_type = table.Column<string>(type: "text", nullable: false),
                    field = table.Column<string>(type: "text", nullable: false),
                    code = table.Column<string>(type: "text", nullable: false),
                    canonical = table.Column<string>(type: "text", nullable: false),
                    occurred_at_ticks = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_failure_reasons", x => x.id);
                    table.ForeignKey(
                        name: "FK_failure_reasons_events_event_id",
                        column: x => x.event_id,
                        principalTable: "events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_at_ticks",
                table: "audit",
                column: "at_ticks");

            migrationBuilder.CreateIndex(
                name: "IX_events_device_key",
                table: "events",
                column: "device_key");

            migrationBuilder.CreateIndex(
                name: "IX_events_ip",
                table: "events",
                column: "ip");

            migrationBuilder.CreateIndex(
                name: "IX_events_milestone_occurred_at_ticks",
                table: "events",
                columns: new[] { "milestone", "occurred_at_ticks" });

            migrationBuilder.CreateIndex(
                name: "IX_events_occurred_at_ticks",
                table: "events",
                column: "occurred_at_ticks");

            migrationBuilder.CreateIndex(
                name: "IX_events_person_key_occurred_at_ticks",
                table: "events",
                columns: new[] { "person_key", "occurred_at_ticks" });

            migrationBuilder.CreateIndex(
                name: "IX_events_phone_hash",
                table: "events",
                column: "phone_hash");

            migrationBuilder.CreateIndex(
                name: "IX_events_provider_event_id_source_tenant",
                table: "events",
                columns: new[] { "provider_event_id", "source", "tenant" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_events_session_key_occurred_at_ticks",
                table: "events",
                columns: new[] { "session_key", "occurred_at_ticks" });

            migrationBuilder.CreateIndex(
                name: "IX_failure_reasons_event_id",
                table: "failure_reasons",
                column: "event_id");

            migrationBuilder.CreateIndex(
                name: "IX_failure_reasons_occurred_at_ticks_canonical",
                table: "failure_reasons",
                columns: new[] { "occurred_at_ticks", "canonical" });

            migrationBuilder.CreateIndex(
                name: "IX_inbox_source_tenant_provider_event_id",
                table: "inbox",
                columns: new[] { "source", "tenant", "provider_event_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inbox_state_id",
                table: "inbox",
                columns: new[] { "state", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_journey_attempts_funnel_person_id_start_ticks",
                table: "journey_attempts",
                columns: new[] { "funnel", "person_id", "start_ticks" });

            migrationBuilder.CreateIndex(
                name: "IX_journey_events_person_id_occurred_at_ticks",
                table: "journey_events",
                columns: new[] { "person_id", "occurred_at_ticks" });

            migrationBuilder.CreateIndex(
                name: "IX_journey_identities_identity_key",
                table: "journey_identities",
                column: "identity_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_journey_identities_root_id",
                table: "journey_identities",
                column: "root_id");

            migrationBuilder.CreateIndex(
                name: "IX_quarantine_inbox_id",
                table: "quarantine",
                column: "inbox_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_rollup_people_person_key",
                table: "rollup_people",
                column: "person_key",
                unique: true);
            // Append-only, as on SQLite: the database refuses to change or remove an audit row (Audit/AuditStore).
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit rows are append-only';
                END
                $$;
                CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
                CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
                CREATE TRIGGER audit_append_only_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_append_only_truncate ON audit; DROP TRIGGER IF EXISTS audit_append_only_delete ON audit; DROP TRIGGER IF EXISTS audit_append_only_update ON audit; DROP FUNCTION IF EXISTS audit_append_only();");
            migrationBuilder.DropTable(
                name: "audit");

            migrationBuilder.DropTable(
                name: "event_rollups");

            migrationBuilder.DropTable(
                name: "failure_reasons");

            migrationBuilder.DropTable(
                name: "inbox");

            migrationBuilder.DropTable(
                name: "journey_attempts");

            migrationBuilder.DropTable(
                name: "journey_events");

            migrationBuilder.DropTable(
                name: "journey_identities");

            migrationBuilder.DropTable(
                name: "journey_state");

            migrationBuilder.DropTable(
                name: "person_rollups");

            migrationBuilder.DropTable(
                name: "quarantine");

            migrationBuilder.DropTable(
                name: "reason_rollups");

            migrationBuilder.DropTable(
                name: "rollup_people");

            migrationBuilder.DropTable(
                name: "source_states");

            migrationBuilder.DropTable(
                name: "events");
        }
    }
}
