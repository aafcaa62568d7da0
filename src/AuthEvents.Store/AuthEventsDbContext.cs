using System.Text;
using AuthEvents.Store.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store;

/// <summary>
/// The store: canonical events and their failure reasons, the rollups the pages read, the raw inbox, the quarantine
/// and source positions.
/// </summary>
public sealed class AuthEventsDbContext(DbContextOptions<AuthEventsDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<EventRecord> Events => Set<EventRecord>();
    public DbSet<FailureReasonRecord> FailureReasons => Set<FailureReasonRecord>();
    public DbSet<InboxRecord> Inbox => Set<InboxRecord>();
    public DbSet<QuarantineRecord> Quarantine => Set<QuarantineRecord>();
    public DbSet<SourceStateRecord> SourceStates => Set<SourceStateRecord>();
    public DbSet<EventRollupRecord> EventRollups => Set<EventRollupRecord>();
    public DbSet<ReasonRollupRecord> ReasonRollups => Set<ReasonRollupRecord>();
    public DbSet<PersonRollupRecord> PersonRollups => Set<PersonRollupRecord>();
    public DbSet<RollupPersonRecord> RollupPeople => Set<RollupPersonRecord>();
    public DbSet<AuditRecord> Audit => Set<AuditRecord>();

    /// <summary>ASP.NET data-protection keys, shared by every node of a PostgreSQL deployment (each key encrypted at rest).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<EventRecord>(e =>
        {
            e.ToTable("events");
            // Not led by the source: see RollupsSchema.
            e.HasIndex(x => new { x.ProviderEventId, x.Source, x.Tenant }).IsUnique();
            e.HasIndex(x => x.OccurredAtTicks);
            e.HasIndex(x => new { x.PersonKey, x.OccurredAtTicks });
            // Partial (migration SparseEventIndexes): a third of events has no session; an equality on the key implies
            // IS NOT NULL, so lookups still use it. No (milestone, time) index: the time index serves a milestone filter
            // and the rollups its counts.
            e.HasIndex(x => new { x.SessionKey, x.OccurredAtTicks }).HasFilter("session_key IS NOT NULL");
            e.HasIndex(x => x.Ip);
            e.Property(x => x.Tenant).HasDefaultValue("");
            e.HasMany(x => x.FailureReasons).WithOne().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<FailureReasonRecord>(e =>
        {
            e.ToTable("failure_reasons");
            e.HasIndex(x => new { x.OccurredAtTicks, x.Canonical });
        });
        modelBuilder.Entity<InboxRecord>(e =>
        {
            e.ToTable("inbox");
            e.HasIndex(x => new { x.Source, x.Tenant, x.ProviderEventId }).IsUnique();
            e.HasIndex(x => new { x.State, x.Id });
            e.Property(x => x.PayloadFormat).HasDefaultValue(PayloadFormats.Json);
        });
        // Append-only (Audit/AuditStore): the id is part of the hash chain, so it is assigned with the hash, not by the database.
        modelBuilder.Entity<AuditRecord>(e =>
        {
            e.ToTable("audit");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.AtTicks);
        });
        modelBuilder.Entity<QuarantineRecord>(e =>
        {
            e.ToTable("quarantine");
            e.HasIndex(x => x.InboxId).IsUnique();
        });
        modelBuilder.Entity<SourceStateRecord>(e =>
        {
            e.ToTable("source_states");
            e.HasKey(x => x.Source);
            e.Property(x => x.Source).ValueGeneratedNever();
        });
        // Rollups (migration 20261122000002_Rollups): clustered by grain and bucket, so a range reads contiguous rows.
        modelBuilder.Entity<EventRollupRecord>(e =>
        {
            e.ToTable("event_rollups");
            e.HasKey(x => new { x.Grain, x.BucketTicks, x.Source, x.EventType, x.Milestone, x.Outcome, x.Country, x.Authenticator, x.IsDemo });
        });
        modelBuilder.Entity<ReasonRollupRecord>(e =>
        {
            e.ToTable("reason_rollups");
            e.HasKey(x => new { x.Grain, x.BucketTicks, x.Source, x.EventType, x.Field, x.Code, x.Canonical });
        });
        modelBuilder.Entity<PersonRollupRecord>(e =>
        {
            e.ToTable("person_rollups");
            e.HasKey(x => new { x.Grain, x.BucketTicks, x.Source, x.PersonId });
        });
        modelBuilder.Entity<RollupPersonRecord>(e =>
        {
            e.ToTable("rollup_people");
            e.HasIndex(x => x.PersonKey).IsUnique();
        });

        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        Journeys.JourneyModel.Configure(modelBuilder);
        Alerts.AlertModel.Configure(modelBuilder);

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    /// <summary><c>OccurredAtTicks</c> becomes <c>occurred_at_ticks</c>; the hand-written migrations use the same names.</summary>
    public static string ToSnakeCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
