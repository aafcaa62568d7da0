using System.Runtime.CompilerServices;
using AuthEvents.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Audit;

/// <summary>
/// The audit trail: append, read, verify. Nothing here updates or deletes a row. Appends take turns at the store's
/// write gate, and in the database (one transaction each; on PostgreSQL under a transaction-scoped advisory lock, so
/// that several nodes append one after another too), so each row's hash follows the row before it.
/// </summary>
public sealed class AuditStore(IDbContextFactory<AuthEventsDbContext> contexts, StoreWriteGate gate, AuditChain chain, TimeProvider time)
{
    public const int UserAgentLength = 256;
    private const int FieldLength = 1024;

    public async Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var turn = await gate.EnterAsync(WritePriority.Prompt, cancellationToken).ConfigureAwait(false);
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            // SQLite: EF begins an IMMEDIATE transaction, which already excludes every other writer.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var row = await AppendInAsync(db, entry, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return row;
        }
    }

    /// <summary>
    /// Appends <paramref name="entry"/> inside the caller's transaction on <paramref name="db"/> (the caller holds the write
    /// gate and commits), so the row is kept only with what it records. Takes the chain's lock on PostgreSQL: a caller
    /// that also holds <see cref="AdvisoryLocks.Alerts"/> takes that one first.
    /// </summary>
    public async Task<AuditRecord> AppendInAsync(AuthEventsDbContext db, AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entry);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An audit row is appended inside the caller's transaction.");
        }

        await AdvisoryLocks.TakeForTransactionAsync(db.Database, AdvisoryLocks.AuditChain, cancellationToken).ConfigureAwait(false);
        var last = await db.Audit.AsNoTracking().OrderByDescending(a => a.Id).Select(a => new { a.Id, a.Hash })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var row = new AuditRecord
        {
            Id = (last?.Id ?? 0) + 1,
            AtTicks = time.GetUtcNow().UtcTicks,
            Subject = Cut(entry.Subject, FieldLength),
            UserName = Cut(entry.UserName, FieldLength),
            Roles = Cut(entry.Roles, FieldLength),
            Action = Cut(entry.Action, 64),
            Target = Cut(entry.Target, FieldLength),
            Detail = Cut(entry.Detail, FieldLength),
            ClientIp = Cut(entry.ClientIp, 64),
            UserAgent = Cut(entry.UserAgent, UserAgentLength),
        };
        row.Hash = chain.HashOf(last?.Hash ?? AuditChain.Genesis, row);
        db.Audit.Add(row);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return row;
    }

    /// <summary>Matching rows, oldest first, streamed.</summary>
    public async IAsyncEnumerable<AuditRecord> StreamAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await foreach (var row in Filter(db, query).OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return row;
            }
        }
    }

    /// <summary>A page of matching rows, newest first, before <paramref name="beforeId"/> when given.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListAsync(AuditQuery query, long? beforeId, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var rows = Filter(db, query);
            if (beforeId is { } before)
            {
                rows = rows.Where(a => a.Id < before);
            }

            return await rows.OrderByDescending(a => a.Id).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The user's latest row of <paramref name="action"/>, if any (their roles at the last sign-in, say).</summary>
    public async Task<AuditRecord?> LatestAsync(string subject, string action, CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.Audit.AsNoTracking().Where(a => a.Subject == subject && a.Action == action).OrderByDescending(a => a.Id)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Checks every row's hash against its fields and the row before it; names the first row that does not hold.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var previous = AuditChain.Genesis;
        long previousId = 0;
        long rows = 0;
        await foreach (var row in StreamAsync(new AuditQuery(), cancellationToken).ConfigureAwait(false))
        {
            rows++;
            if (row.Id != previousId + 1)
            {
                return new AuditVerification(false, rows, row.Id, previousId + 1 == row.Id - 1
                    ? $"row {previousId + 1} before it is missing"
                    : $"rows {previousId + 1} to {row.Id - 1} before it are missing");
            }

            if (!string.Equals(chain.HashOf(previous, row), row.Hash, StringComparison.Ordinal))
            {
                return new AuditVerification(false, rows, row.Id, "its hash does not match its fields and the row before it: it was edited, or a row before it was");
            }

            previous = row.Hash;
            previousId = row.Id;
        }

        return new AuditVerification(true, rows, null, null);
    }

    private static IQueryable<AuditRecord> Filter(AuthEventsDbContext db, AuditQuery query)
    {
        var rows = db.Audit.AsNoTracking();
        if (query.From is { } from)
        {
            rows = rows.Where(a => a.AtTicks >= from.UtcTicks);
        }

        if (query.To is { } to)
        {
            rows = rows.Where(a => a.AtTicks < to.UtcTicks);
        }

        if (!string.IsNullOrWhiteSpace(query.User))
        {
            var user = query.User.Trim();
            rows = rows.Where(a => a.Subject == user || a.UserName == user);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            rows = rows.Where(a => a.Action == query.Action);
        }

        return rows;
    }

    private static string Cut(string? value, int length) => value is null ? "" : value.Length <= length ? value : value[..length];
}
