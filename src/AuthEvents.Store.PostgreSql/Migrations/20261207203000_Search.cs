using AuthEvents.Store.Search;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AuthEvents.Store.PostgreSql.Migrations;

/// <summary>
/// The free-text index on PostgreSQL (<see cref="SearchIndex.PostgreSqlSchema"/>: a tsvector per event with a GIN index,
/// and the bookmark of the events stored before it); the same migration as SQLite's of this name, outside the EF model.
/// </summary>
[DbContext(typeof(AuthEventsDbContext))]
[Migration("20261207203000_Search")]
public sealed class SearchSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(SearchIndex.PostgreSqlSchema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(SearchIndex.PostgreSqlDropSchema);
    }
}
