using AuthEvents.Store.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthEvents.Store.Retention;

/// <summary>
/// Empties the encrypted payloads of inbox rows normalized longer than <see cref="StoreOptions.KeepPayloadsFor"/> ago:
/// their events are stored, and the raw record was the largest part of a row. Quarantined and pending rows keep their
/// payloads, so a quarantine replay still has what it needs. The row itself (its key, the redelivery dedupe) stays
/// until retention deletes it. Emptied, not NULL: the column stays NOT NULL and every reader sees a byte array.
/// </summary>
public sealed class PayloadExpiry(IDbContextFactory<AuthEventsDbContext> contexts, StoreWriteGate gate)
{
    /// <summary>Rows per transaction, so that writers waiting at the gate are not held up long.</summary>
    public const int BatchSize = 2_000;

    /// <summary>Empties the payloads of rows normalized before <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> ExpireAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var total = 0;
        var ticks = cutoff.UtcTicks;
        var empty = Array.Empty<byte>();
        while (true)
        {
            using var turn = await gate.EnterAsync(WritePriority.Bulk, cancellationToken).ConfigureAwait(false);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var ids = await db.Inbox.AsNoTracking()
                .Where(i => i.State == InboxState.Normalized && i.ProcessedAtTicks < ticks && i.Payload != empty)
                .OrderBy(i => i.Id).Select(i => i.Id).Take(BatchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (ids.Count == 0)
            {
                return total;
            }

            total += await db.Inbox.Where(i => ids.Contains(i.Id) && i.State == InboxState.Normalized)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.Payload, empty), cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>Runs <see cref="PayloadExpiry"/> at start-up and every <see cref="RetentionOptions.Interval"/>; off when <see cref="StoreOptions.KeepPayloadsFor"/> is not set.</summary>
public sealed partial class PayloadExpiryService(
    PayloadExpiry expiry, IOptions<StoreOptions> store, IOptions<RetentionOptions> retention, TimeProvider time, ILogger<PayloadExpiryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store.Value.KeepPayloadsFor is not { } keep)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var emptied = await expiry.ExpireAsync(time.GetUtcNow() - keep, stoppingToken).ConfigureAwait(false);
                if (emptied > 0)
                {
                    LogEmptied(logger, emptied, keep);
                }

                await Task.Delay(retention.Value.Interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (DbUpdateException ex)
            {
                LogFailed(logger, ex.GetType().Name);
                await Task.Delay(retention.Value.Interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (System.Data.Common.DbException ex)
            {
                LogFailed(logger, ex.GetType().Name);
                await Task.Delay(retention.Value.Interval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Emptied the stored payloads of {Rows} inbox records normalized more than {Keep} ago")]
    private static partial void LogEmptied(ILogger logger, int rows, TimeSpan keep);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Emptying old inbox payloads failed ({Error}); retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, string error);
}
