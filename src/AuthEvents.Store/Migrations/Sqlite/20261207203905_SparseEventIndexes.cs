using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AuthEvents.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SparseEventIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_events_device_key",
                table: "events");

            migrationBuilder.DropIndex(
                name: "IX_events_milestone_occurred_at_ticks",
                table: "events");

            migrationBuilder.DropIndex(
                name: "IX_events_phone_hash",
                table: "events");

            migrationBuilder.DropIndex(
                name: "IX_events_session_key_occurred_at_ticks",
                table: "events");

            migrationBuilder.CreateIndex(
                name: "IX_events_device_key",
                table: "events",
                column: "device_key",
                filter: "device_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_events_phone_hash",
                table: "events",
                column: "phone_hash",
                filter: "phone_hash IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_events_session_key_occurred_at_ticks",
                table: "events",
                columns: new[] { "session_key", "occurred_at_ticks" },
                filter: "session_key IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_events_device_key",
                table: "events");

            migrationBuilder.DropIndex(
                name: "IX_events_phone_hash",
                table: "events");

            migrationBuilder.DropIndex(
                name: "IX_events_session_key_occurred_at_ticks",
                table: "events");

            migrationBuilder.CreateIndex(
                name: "IX_events_device_key",
                table: "events",
                column: "device_key");

            migrationBuilder.CreateIndex(
                name: "IX_events_milestone_occurred_at_ticks",
                table: "events",
                columns: new[] { "milestone", "occurred_at_ticks" });

            migrationBuilder.CreateIndex(
                name: "IX_events_phone_hash",
                table: "events",
                column: "phone_hash");

            migrationBuilder.CreateIndex(
                name: "IX_events_session_key_occurred_at_ticks",
                table: "events",
                columns: new[] { "session_key", "occurred_at_ticks" });
        }
    }
}
