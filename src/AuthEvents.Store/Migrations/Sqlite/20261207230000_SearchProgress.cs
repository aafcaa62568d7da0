using AuthEvents.Store.Search;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AuthEvents.Store.Migrations.Sqlite;

/// <summary>
/// The free-text backfill's counts (<see cref="SearchIndex.ProgressSchema"/>), so that the pages and /healthz can say how
/// far it has come while it runs in the background. Outside the EF model, like the index itself.
/// </summary>
[DbContext(typeof(AuthEventsDbContext))]
[Migration("20261207230000_SearchProgress")]
public sealed class SearchProgress : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(SearchIndex.ProgressSchema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(SearchIndex.ProgressDropSchema);
    }
}
