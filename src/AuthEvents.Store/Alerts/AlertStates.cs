using System.Globalization;
using AuthEvents.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Alerts;

/// <summary>The engine's small state in <c>alert_state</c>: the newest receipt time seen per source (for <c>source-silent</c>).</summary>
public static class AlertStates
{
    /// <summary>The key of a source's newest receipt time.</summary>
    public static string ReceivedKey(EventSource source) => "received." + source;

    /// <summary>The newest receipt time recorded for each source (tracked in <paramref name="db"/>).</summary>
    public static async Task<Dictionary<EventSource, AlertStateRecord>> ReceivedAsync(AuthEventsDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Set<AlertStateRecord>().Where(s => s.Key.StartsWith("received.")).ToListAsync(cancellationToken).ConfigureAwait(false);
        var bySource = new Dictionary<EventSource, AlertStateRecord>();
        foreach (var row in rows)
        {
            if (Enum.TryParse<EventSource>(row.Key["received.".Length..], out var source))
            {
                bySource[source] = row;
            }
        }

        return bySource;
    }

    /// <summary>Records <paramref name="ticks"/> as <paramref name="source"/>'s newest receipt when it is newer (or the first).</summary>
    public static void Advance(AuthEventsDbContext db, Dictionary<EventSource, AlertStateRecord> received, EventSource source, long ticks)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(received);
        if (!received.TryGetValue(source, out var row))
        {
            row = new AlertStateRecord { Key = ReceivedKey(source), Value = ticks.ToString(CultureInfo.InvariantCulture) };
            db.Add(row);
            received[source] = row;
        }
        else if (TicksOf(row) < ticks)
        {
            row.Value = ticks.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The ticks a row holds.</summary>
    public static long TicksOf(AlertStateRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return long.Parse(row.Value, CultureInfo.InvariantCulture);
    }
}
