using System.Collections.Concurrent;
using System.Data.Common;
using AuthEvents.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Store.Leases;

/// <summary>
/// Which node pulls a polled source (Login.gov, 1Password) when several share one database: the holder of the source's
/// row in <c>source_leases</c>. A holder renews it every <see cref="RenewEvery"/>; when it stops (a crash, a hung node),
/// the lease runs out after <see cref="Ttl"/> and the next node to ask takes it with a higher epoch. Every cursor and
/// ack write checks the epoch in its own transaction (<see cref="FenceAsync"/>), so a node that lost the lease can
/// never overwrite what the new holder wrote.
/// </summary>
/// <remarks>
/// Expiry is compared with the nodes' own clocks (<see cref="TimeProvider"/>), which therefore must agree within a few
/// seconds (NTP); the epoch fence keeps a skewed clock from ever storing twice, it can only delay a takeover.
/// </remarks>
public sealed partial class SourceLeases(IDbContextFactory<AuthEventsDbContext> contexts, NodeIdentity node, TimeProvider time, ILogger<SourceLeases> logger)
{
    /// <summary>How long a lease lasts without renewal: a dead holder's source is taken over this long after its last renewal.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(20);

    /// <summary>How often a holder renews, and how often a standby node asks.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<EventSource, long> _held = new();
    private readonly ConcurrentDictionary<EventSource, bool> _leased = new();

    public string Node => node.Id;

    /// <summary>The epoch this node holds the source's lease at, or null.</summary>
    public long? HeldEpoch(EventSource source) => _held.TryGetValue(source, out var epoch) ? epoch : null;

    /// <summary>
    /// Takes the source's lease if it is free or has run out, or renews it if this node holds it. Returns whether this
    /// node holds it now, and whether it has just taken it (its cached position must then be read again).
    /// </summary>
    public async Task<LeaseHold> HoldAsync(EventSource source, CancellationToken cancellationToken)
    {
        _leased[source] = true;
        var now = time.GetUtcNow().UtcTicks;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "INSERT INTO source_leases (source, holder, epoch, expires_at_ticks) VALUES (@source, '', 0, 0) ON CONFLICT (source) DO NOTHING";
            create.AddParameter("@source", (int)source);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        long? epoch;
        await using (var take = connection.CreateCommand())
        {
            // The SET expressions read the row as it was: a renewal keeps the epoch, a takeover raises it.
            take.CommandText = """
                UPDATE source_leases SET epoch = CASE WHEN holder = @me THEN epoch ELSE epoch + 1 END, holder = @me, expires_at_ticks = @until
                WHERE source = @source AND (holder = @me OR expires_at_ticks <= @now) RETURNING epoch
                """;
            take.AddParameter("@me", node.Id);
            take.AddParameter("@until", now + Ttl.Ticks);
            take.AddParameter("@source", (int)source);
            take.AddParameter("@now", now);
            epoch = await take.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } value and not DBNull
                ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)
                : null;
        }

        if (epoch is not { } held)
        {
            if (_held.TryRemove(source, out _))
            {
                LogLost(logger, source, node.Id);
            }

            return new LeaseHold(false, false);
        }

        var taken = !_held.TryGetValue(source, out var before) || before != held;
        _held[source] = held;
        if (taken)
        {
            LogTaken(logger, source, node.Id, held);
        }

        return new LeaseHold(true, taken);
    }

    /// <summary>Gives the lease up at once (a clean shutdown), so another node need not wait for it to run out.</summary>
    public async Task ReleaseAsync(EventSource source, CancellationToken cancellationToken)
    {
        if (!_held.TryRemove(source, out var epoch))
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var release = connection.CreateCommand();
        release.CommandText = "UPDATE source_leases SET expires_at_ticks = 0 WHERE source = @source AND holder = @me AND epoch = @epoch";
        release.AddParameter("@source", (int)source);
        release.AddParameter("@me", node.Id);
        release.AddParameter("@epoch", epoch);
        await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Inside the transaction that writes the source's position: refuses (throws <see cref="SourceLeaseLostException"/>)
    /// unless this node still holds the lease at the epoch it took it with. On PostgreSQL the row is share-locked until
    /// commit, so a takeover waits for this write rather than interleaving with it. Sources pulled without a lease (and
    /// webhook sources) pass.
    /// </summary>
    internal async Task FenceAsync(DbConnection connection, DbTransaction transaction, EventSource source, CancellationToken cancellationToken)
    {
        if (!_leased.ContainsKey(source))
        {
            return;
        }

        if (_held.TryGetValue(source, out var epoch))
        {
            await using var check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = "SELECT 1 FROM source_leases WHERE source = @source AND holder = @me AND epoch = @epoch"
                + (connection is Npgsql.NpgsqlConnection ? " FOR SHARE" : "");
            check.AddParameter("@source", (int)source);
            check.AddParameter("@me", node.Id);
            check.AddParameter("@epoch", epoch);
            if (await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null and not DBNull)
            {
                return;
            }

            _held.TryRemove(source, out _);
            LogLost(logger, source, node.Id);
        }

        throw new SourceLeaseLostException(source, node.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source}: this node ({Node}) now pulls it (lease epoch {Epoch})")]
    private static partial void LogTaken(ILogger logger, EventSource source, string node, long epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source}: this node ({Node}) lost the lease to pull it; another node pulls it now")]
    private static partial void LogLost(ILogger logger, EventSource source, string node);
}

/// <summary>What <see cref="SourceLeases.HoldAsync"/> found: whether this node holds the lease, and whether it has just taken it.</summary>
public readonly record struct LeaseHold(bool Held, bool Taken);
