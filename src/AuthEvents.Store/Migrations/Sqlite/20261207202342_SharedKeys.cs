using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AuthEvents.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SharedKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    friendly_name = table.Column<string>(type: "TEXT", nullable: true),
                    xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_protection_keys", x => x.id);
                });

            // Storage keys generated for a deployment that configures none, shared by its nodes (SQL only, outside the model).
            migrationBuilder.Sql(AuthEvents.Store.GeneratedSecrets.CreateTable);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AuthEvents.Store.GeneratedSecrets.DropTable);
            migrationBuilder.DropTable(
                name: "data_protection_keys");
        }
    }
}
