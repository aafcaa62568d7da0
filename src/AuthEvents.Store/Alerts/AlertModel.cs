using System.Globalization;
using AuthEvents.Core.Alerts;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Alerts;

/// <summary>The alert tables in the EF model; the generated migration <c>Alerts</c> creates them on each provider.</summary>
internal static class AlertModel
{
    /// <summary>
    /// The filter of the one-open-alert-per-rule-and-key index: plain SQL that reads the same on SQLite and PostgreSQL, so
    /// the engine's <c>ON CONFLICT</c> target and the index match on both.
    /// </summary>
    public static readonly string OpenFilter = string.Create(CultureInfo.InvariantCulture,
        $"status IN ({(int)AlertStatus.Open}, {(int)AlertStatus.Acknowledged})");

    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AlertRecord>(e =>
        {
            e.ToTable("alerts");
            e.HasIndex(x => new { x.RuleId, x.AlertKey }).IsUnique().HasFilter(OpenFilter);
            e.HasIndex(x => new { x.Status, x.LastSeenTicks });
            e.HasIndex(x => x.LastSeenTicks);
            e.HasIndex(x => x.ChangeSeq);
        });
        modelBuilder.Entity<AlertEvidenceRecord>(e =>
        {
            e.ToTable("alert_evidence");
            e.HasKey(x => new { x.AlertId, x.EventId });
            // Retention deletes by event, and an event's page can list its alerts.
            e.HasIndex(x => x.EventId);
        });
        modelBuilder.Entity<AlertHistoryRecord>(e =>
        {
            e.ToTable("alert_history");
            e.HasIndex(x => new { x.AlertId, x.Id });
        });
        modelBuilder.Entity<AlertCounterRecord>(e =>
        {
            e.ToTable("alert_counters");
            e.HasKey(x => new { x.RuleId, x.AlertKey, x.BucketTicks, x.Member });
            // Pruning: a rule's buckets older than its window.
            e.HasIndex(x => new { x.RuleId, x.BucketTicks });
        });
        modelBuilder.Entity<AlertRuleRecord>(e =>
        {
            e.ToTable("alert_rules");
            e.HasKey(x => x.RuleId);
        });
        modelBuilder.Entity<AlertStateRecord>(e =>
        {
            e.ToTable("alert_state");
            e.HasKey(x => x.Key);
        });
        modelBuilder.Entity<AlertOutboxRecord>(e =>
        {
            e.ToTable("alert_outbox");
            // A change is enqueued once per channel, however many times a node runs it.
            e.HasIndex(x => new { x.HistoryId, x.Channel }).IsUnique();
            // The notifier's claim reads only what is still to deliver.
            e.HasIndex(x => x.NextAttemptAtTicks).HasFilter("delivered_at_ticks IS NULL AND gave_up_at_ticks IS NULL");
        });
        modelBuilder.Entity<AlertChannelRecord>(e =>
        {
            e.ToTable("alert_channels");
            e.HasKey(x => x.Channel);
        });
    }
}
