using AuthEvents.Store.Search;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AuthEvents.Store.Migrations.Sqlite;

/// <summary>
/// The free-text index (<see cref="SearchIndex.SqliteSchema"/>): an FTS5 table outside the EF model, so the model and its
/// snapshot do not change. Events already stored are indexed after the next start, in the background (<see cref="SearchIndexBuilder"/>,
/// from the bookmark this writes), because their documents are built in C#, which a migration cannot run.
/// </summary>
[DbContext(typeof(AuthEventsDbContext))]
[Migration("20261207203000_Search")]
public sealed class SearchSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(SearchIndex.SqliteSchema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(SearchIndex.SqliteDropSchema);
    }
}
