using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AuthEvents.Store;

/// <summary>
/// Applies the migrations, switches SQLite to write-ahead logging, and prepares the derived indexes, quickly whatever the
/// store's size: the free-text index (<see cref="Search.SearchIndex.PrepareAsync"/>) and the journey index
/// (<see cref="Journeys.JourneyIndex.PrepareAsync"/>) only note what must be indexed again; the indexing runs in the
/// background while the dashboard serves (<see cref="Search.SearchIndexBuilder"/>, <see cref="Journeys.JourneyIndexBuilder"/>)
/// or, where nothing runs in the background, through <see cref="Search.SearchIndex.BackfillAsync"/> and
/// <see cref="Journeys.JourneyIndex.EnsureCurrentAsync"/>.
/// </summary>
public static class StoreInitializer
{
    public static async Task InitializeAsync(IDbContextFactory<AuthEventsDbContext> contexts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsNpgsql())
        {
            await MigratePostgreSqlAsync(db, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        if (db.Database.IsSqlite())
        {
            await VerifySchemaAsync(db, cancellationToken).ConfigureAwait(false);
            // journal_mode is a property of the database file: set once, it stays WAL for every later connection.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }

        await Search.SearchIndex.PrepareAsync(contexts, cancellationToken).ConfigureAwait(false);
        await Journeys.JourneyIndex.PrepareAsync(contexts, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Migrates with the history table created first: Npgsql's migrator reads the applied migrations before it creates
    /// that table, and on an empty database EF Core logs the failed read as an error although the migration then succeeds.
    /// Under a session advisory lock, so nodes starting together migrate one after the other and never race to create it.
    /// </summary>
    private static async Task MigratePostgreSqlAsync(AuthEventsDbContext db, CancellationToken cancellationToken)
    {
        // Opened here, the connection stays open through MigrateAsync (EF Core closes only what it opened), and with it the lock.
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({AdvisoryLocks.Migrate})", cancellationToken).ConfigureAwait(false);
            try
            {
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({AdvisoryLocks.Migrate})", CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Every table and column of the model exists in the file: fails start-up with what is missing, rather than every
    /// write failing later with "no such column" while the dashboard looks healthy.
    /// </summary>
    private static async Task VerifySchemaAsync(AuthEventsDbContext db, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var missing = new List<string>();
            foreach (var entity in db.Model.GetEntityTypes())
            {
                if (entity.GetTableName() is not { } table)
                {
                    continue;
                }

                var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                await using (var command = connection.CreateCommand())
                {
                    command.CommandText = "SELECT name FROM pragma_table_info($table)";
                    command.Parameters.AddWithValue("$table", table);
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        columns.Add(reader.GetString(0));
                    }
                }

                if (columns.Count == 0)
                {
                    missing.Add(table);
                    continue;
                }

                var storeObject = StoreObjectIdentifier.Table(table, entity.GetSchema());
                missing.AddRange(entity.GetProperties()
                    .Select(p => p.GetColumnName(storeObject))
                    .Where(c => c is not null && !columns.Contains(c))
                    .Select(c => $"{table}.{c}"));
            }

            if (missing.Count > 0)
            {
                throw new StoreSchemaMismatchException(connection.DataSource, missing.Distinct(StringComparer.Ordinal).ToList());
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}
