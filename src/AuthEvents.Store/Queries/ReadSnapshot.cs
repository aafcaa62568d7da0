using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AuthEvents.Store.Queries;

/// <summary>
/// A read-only transaction on a context, so that several reads see the same committed state. On SQLite a deferred
/// transaction: EF's own <c>BeginTransaction</c> would start an IMMEDIATE one, which takes the write lock and holds up the
/// pipeline for as long as the reads last. On PostgreSQL a REPEATABLE READ, READ ONLY transaction: one snapshot for
/// every statement, and writers never wait for it.
/// </summary>
internal sealed class ReadSnapshot : IAsyncDisposable
{
    private readonly AuthEventsDbContext _db;
    private readonly SqliteTransaction? _sqlite;
    private readonly IDbContextTransaction? _other;

    private ReadSnapshot(AuthEventsDbContext db, SqliteTransaction? sqlite, IDbContextTransaction? other)
    {
        _db = db;
        _sqlite = sqlite;
        _other = other;
    }

    public static async Task<ReadSnapshot> BeginAsync(AuthEventsDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.GetDbConnection() is not SqliteConnection sqlite)
        {
            var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", cancellationToken).ConfigureAwait(false);
            return new ReadSnapshot(db, null, transaction);
        }

        var deferred = sqlite.BeginTransaction(deferred: true);
        await db.Database.UseTransactionAsync(deferred, cancellationToken).ConfigureAwait(false);
        return new ReadSnapshot(db, deferred, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlite is not null)
        {
            await _db.Database.UseTransactionAsync(null).ConfigureAwait(false);
            await _sqlite.DisposeAsync().ConfigureAwait(false);
        }

        if (_other is not null)
        {
            // Nothing was written: ending it either way releases the snapshot.
            await _other.DisposeAsync().ConfigureAwait(false);
        }

        await _db.Database.CloseConnectionAsync().ConfigureAwait(false);
    }
}
