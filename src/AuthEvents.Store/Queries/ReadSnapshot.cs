using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AuthEvents.Store.Queries;

/// <summary>
/// A deferred (read-only) SQLite transaction on a context, so that several reads see the same committed state.
/// EF's own <c>BeginTransaction</c> would start an IMMEDIATE transaction, which takes the write lock and holds up
/// the pipeline for as long as the reads last.
/// </summary>
internal sealed class ReadSnapshot : IAsyncDisposable
{
    private readonly AuthEventsDbContext _db;
    private readonly SqliteTransaction? _transaction;

    private ReadSnapshot(AuthEventsDbContext db, SqliteTransaction? transaction)
    {
        _db = db;
        _transaction = transaction;
    }

    public static async Task<ReadSnapshot> BeginAsync(AuthEventsDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.GetDbConnection() is not SqliteConnection sqlite)
        {
            return new ReadSnapshot(db, null);
        }

        var transaction = sqlite.BeginTransaction(deferred: true);
        await db.Database.UseTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
        return new ReadSnapshot(db, transaction);
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _db.Database.UseTransactionAsync(null).ConfigureAwait(false);
            await _transaction.DisposeAsync().ConfigureAwait(false);
        }

        await _db.Database.CloseConnectionAsync().ConfigureAwait(false);
    }
}
