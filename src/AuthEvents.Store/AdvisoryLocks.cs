using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AuthEvents.Store;

/// <summary>
/// The PostgreSQL advisory locks that order work across nodes, in one place so that no two uses share a key (arbitrary
/// constants of this product). SQLite has one writer per file, so there the locks are no-ops.
/// </summary>
public static class AdvisoryLocks
{
    /// <summary>Audit appends: the HMAC chain stays one chain (<see cref="Audit.AuditStore"/>).</summary>
    public const long AuditChain = 4702127773484145;

    /// <summary>
    /// Commits, and the index preparation and rebuild chunks that must not overlap one: event ids become visible in order
    /// and a person's journey is never written by two transactions at once.
    /// </summary>
    public const long Commit = 4702127773484146;

    /// <summary>Migrations at start-up (a session lock: nodes starting together migrate one after the other).</summary>
    public const long Migrate = 4702127773484147;

    /// <summary>
    /// Every transaction that writes alerts: the evaluator, the scheduler, re-evaluation, triage and retention. One alert
    /// writer at a time across nodes, so "is an alert of this rule and key open?" and "open one" never race, and the
    /// change sequence is assigned in order.
    /// </summary>
    public const long Alerts = 4702127773484148;

    /// <summary>On PostgreSQL, waits for <paramref name="key"/> until the current transaction ends; nothing on SQLite.</summary>
    public static async Task TakeForTransactionAsync(DatabaseFacade database, long key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.IsNpgsql())
        {
            await database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken).ConfigureAwait(false);
        }
    }
}
