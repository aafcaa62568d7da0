using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuthEvents.Core.Alerts;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Alerts;

/// <summary>
/// Notifications waiting to go out: one row per alert change and channel, written in the change's own transaction (so a
/// change that rolls back sends nothing, and one that commits is sent however many nodes run), then claimed, sent and
/// marked by the notifier.
/// </summary>
public static class AlertOutbox
{
    /// <summary>The signed JSON webhook channel.</summary>
    public const string Webhook = "webhook";

    /// <summary>The change names messages carry (<c>alert.opened</c> …).</summary>
    public static string ChangeName(AlertChange change) => change switch
    {
        AlertChange.Opened => "opened",
        AlertChange.Acknowledged => "acknowledged",
        AlertChange.Resolved => "resolved",
        AlertChange.FalsePositive => "false-positive",
        AlertChange.Reopened => "reopened",
        AlertChange.Assigned => "assigned",
        AlertChange.Note => "note",
        AlertChange.Escalated => "escalated",
        AlertChange.AutoResolved => "auto-resolved",
        _ => change.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// Enqueues <paramref name="history"/> (saved, so it has its id) for each channel when the policy sends it: status
    /// changes, escalations and automatic resolutions of alerts at or above the minimum severity, and openings whose last
    /// evidence is recent. Assignments and notes are not sent.
    /// </summary>
    public static void Enqueue(AuthEventsDbContext db, AlertRecord alert, AlertHistoryRecord history, AlertNotifyPolicy policy, long nowTicks)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Channels.Count == 0 || alert.Severity < policy.MinSeverity || history.Change is AlertChange.Assigned or AlertChange.Note)
        {
            return;
        }

        if (history.Change == AlertChange.Opened && alert.LastSeenTicks < nowTicks - policy.MaxAge.Ticks)
        {
            return;
        }

        var payload = Payload(alert, history, policy);
        foreach (var channel in policy.Channels)
        {
            db.Add(new AlertOutboxRecord
            {
                HistoryId = history.Id,
                Channel = channel,
                DeliveryId = Guid.NewGuid().ToString("N"),
                PayloadJson = payload,
                CreatedAtTicks = nowTicks,
                NextAttemptAtTicks = nowTicks,
            });
        }
    }

    /// <summary>The message without its send time and delivery id (added at each attempt): the alert as of this change.</summary>
    public static string Payload(AlertRecord alert, AlertHistoryRecord history, AlertNotifyPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(policy);
        static string Time(long ticks) => new DateTimeOffset(ticks, TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["change"] = ChangeName(history.Change),
            ["actor"] = new JsonObject { ["name"] = history.ActorName },
            ["alert"] = new JsonObject
            {
                ["id"] = alert.Id,
                ["rule"] = alert.RuleId,
                ["severity"] = alert.Severity.ToString().ToLowerInvariant(),
                ["status"] = AlertStore.StatusName(alert.Status),
                ["key"] = alert.AlertKey,
                ["keyKind"] = alert.KeyKind.ToString().ToLowerInvariant(),
                ["label"] = alert.KeyLabel,
                ["firstSeen"] = Time(alert.FirstSeenTicks),
                ["lastSeen"] = Time(alert.LastSeenTicks),
                ["count"] = alert.Count,
                ["assignee"] = alert.AssigneeName,
                ["summary"] = alert.Summary,
                ["figures"] = JsonNode.Parse(alert.FiguresJson),
                ["demo"] = alert.IsDemo,
            },
        };
        if (policy.DashboardUrl is { } dashboard)
        {
            body["alert"]!["url"] = new Uri(dashboard, "alerts?alert=" + alert.Id.ToString(CultureInfo.InvariantCulture)).AbsoluteUri;
        }

        return body.ToJsonString();
    }

    /// <summary>
    /// Claims up to <paramref name="take"/> due rows for <paramref name="node"/> (each with one guarded update, so two
    /// nodes never claim one row), oldest first; returns the claimed rows.
    /// </summary>
    public static async Task<IReadOnlyList<AlertOutboxRecord>> ClaimAsync(
        IDbContextFactory<AuthEventsDbContext> contexts, string node, long nowTicks, TimeSpan claimFor, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var due = await db.Set<AlertOutboxRecord>().AsNoTracking()
            .Where(o => o.DeliveredAtTicks == null && o.GaveUpAtTicks == null && o.NextAttemptAtTicks <= nowTicks
                && (o.ClaimedUntilTicks == null || o.ClaimedUntilTicks < nowTicks))
            .OrderBy(o => o.Id).Select(o => o.Id).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        var claimed = new List<AlertOutboxRecord>();
        var until = nowTicks + claimFor.Ticks;
        foreach (var id in due)
        {
            var won = await db.Set<AlertOutboxRecord>()
                .Where(o => o.Id == id && o.DeliveredAtTicks == null && o.GaveUpAtTicks == null && o.NextAttemptAtTicks <= nowTicks
                    && (o.ClaimedUntilTicks == null || o.ClaimedUntilTicks < nowTicks))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedBy, node).SetProperty(o => o.ClaimedUntilTicks, until)
                    .SetProperty(o => o.Attempts, o => o.Attempts + 1), cancellationToken).ConfigureAwait(false);
            if (won == 1)
            {
                claimed.Add(await db.Set<AlertOutboxRecord>().AsNoTracking().SingleAsync(o => o.Id == id, cancellationToken).ConfigureAwait(false));
            }
        }

        return claimed;
    }

    /// <summary>Records an attempt's outcome on its row and on the channel's state.</summary>
    /// <param name="contexts">The store.</param>
    /// <param name="row">The claimed row.</param>
    /// <param name="nowTicks">Now.</param>
    /// <param name="delivered">True when the receiver accepted it.</param>
    /// <param name="retryAtTicks">When to try again (a failure the receiver said to retry); null with a failure gives up.</param>
    /// <param name="status">The HTTP status, when one came back.</param>
    /// <param name="error">What went wrong (an error type or status text; never a body, URL or secret).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static async Task RecordAsync(
        IDbContextFactory<AuthEventsDbContext> contexts, AlertOutboxRecord row, long nowTicks, bool delivered, long? retryAtTicks, int? status, string? error,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(row);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Set<AlertOutboxRecord>().Where(o => o.Id == row.Id).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.DeliveredAtTicks, delivered ? nowTicks : null)
            .SetProperty(o => o.GaveUpAtTicks, !delivered && retryAtTicks is null ? nowTicks : null)
            .SetProperty(o => o.NextAttemptAtTicks, retryAtTicks ?? row.NextAttemptAtTicks)
            .SetProperty(o => o.ClaimedUntilTicks, (long?)null)
            .SetProperty(o => o.LastStatus, status)
            .SetProperty(o => o.LastError, error), cancellationToken).ConfigureAwait(false);
        var channel = await db.Set<AlertChannelRecord>().SingleOrDefaultAsync(c => c.Channel == row.Channel, cancellationToken).ConfigureAwait(false);
        if (channel is null)
        {
            channel = new AlertChannelRecord { Channel = row.Channel };
            db.Add(channel);
        }

        if (delivered)
        {
            channel.LastSuccessTicks = nowTicks;
            channel.ConsecutiveFailures = 0;
        }
        else
        {
            channel.LastFailureTicks = nowTicks;
            channel.LastError = error;
            channel.ConsecutiveFailures++;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
