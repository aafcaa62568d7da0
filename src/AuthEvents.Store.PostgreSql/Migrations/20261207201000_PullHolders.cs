using AuthEvents.Store.Leases;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AuthEvents.Store.PostgreSql.Migrations;

/// <summary>Which node pulls each polled source (<see cref="SourceLeases"/>); the same table as SQLite's migration of this name.</summary>
[DbContext(typeof(AuthEventsDbContext))]
[Migration("20261207201000_PullHolders")]
public sealed class PullHoldersSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(SourceLeaseSchema.Create);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(SourceLeaseSchema.Drop);
    }
}
