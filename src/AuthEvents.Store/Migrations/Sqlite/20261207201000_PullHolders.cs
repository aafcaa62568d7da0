using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AuthEvents.Store.Migrations.Sqlite;

/// <summary>
/// Which node pulls each polled source (<see cref="Leases.SourceLeases"/>). Read and written with SQL only, so it is no
/// part of the EF model, and the PostgreSQL migration of the same name creates the same table.
/// </summary>
[DbContext(typeof(AuthEventsDbContext))]
[Migration("20261207201000_PullHolders")]
public sealed class PullHoldersSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(Leases.SourceLeaseSchema.Create);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(Leases.SourceLeaseSchema.Drop);
    }
}
