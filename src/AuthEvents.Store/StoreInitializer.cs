using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store;

/// <summary>
/// Applies the hand-written migrations, switches SQLite to write-ahead logging, and prepares the journey index: when its
/// funnel definitions changed it is emptied here and rebuilt in the background (<see cref="Journeys.JourneyIndexBuilder"/>)
/// or, where nothing runs in the background, by <see cref="Journeys.JourneyIndex.EnsureCurrentAsync"/>.
/// </summary>
public static class StoreInitializer
{
    public static async Task InitializeAsync(IDbContextFactory<AuthEventsDbContext> contexts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite())
        {
            // journal_mode is a property of the database file: set once, it stays WAL for every later connection.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }

        await Journeys.JourneyIndex.PrepareAsync(contexts, cancellationToken).ConfigureAwait(false);
    }
}
