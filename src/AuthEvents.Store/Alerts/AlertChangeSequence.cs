using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Alerts;

/// <summary>
/// The global change sequence (<c>alert_state</c> key <c>seq</c>, as <see cref="AlertWriter"/> keeps it): every change
/// of an alert takes the next value. Callers hold <see cref="AdvisoryLocks.Alerts"/>, so values are assigned in order.
/// </summary>
public static class AlertChangeSequence
{
    /// <summary>The <c>alert_state</c> key.</summary>
    public const string Key = "seq";

    /// <summary>The next value, written to <paramref name="db"/> (saved with the caller's changes).</summary>
    public static async Task<long> NextAsync(AuthEventsDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = db.Set<AlertStateRecord>().Local.FirstOrDefault(s => s.Key == Key)
            ?? await db.Set<AlertStateRecord>().SingleOrDefaultAsync(s => s.Key == Key, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            row = new AlertStateRecord { Key = Key, Value = "0" };
            db.Add(row);
        }

        var next = long.Parse(row.Value, CultureInfo.InvariantCulture) + 1;
        row.Value = next.ToString(CultureInfo.InvariantCulture);
        return next;
    }
}
