using System.Text;
using AuthEvents.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store;

/// <summary>The store: canonical events and their failure reasons, the raw inbox, the quarantine and source positions.</summary>
public sealed class AuthEventsDbContext(DbContextOptions<AuthEventsDbContext> options) : DbContext(options)
{
    public DbSet<EventRecord> Events => Set<EventRecord>();
    public DbSet<FailureReasonRecord> FailureReasons => Set<FailureReasonRecord>();
    public DbSet<InboxRecord> Inbox => Set<InboxRecord>();
    public DbSet<QuarantineRecord> Quarantine => Set<QuarantineRecord>();
    public DbSet<SourceStateRecord> SourceStates => Set<SourceStateRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<EventRecord>(e =>
        {
            e.ToTable("events");
            e.HasIndex(x => new { x.Source, x.Tenant, x.ProviderEventId }).IsUnique();
            e.HasIndex(x => x.OccurredAtTicks);
            e.HasIndex(x => new { x.PersonKey, x.OccurredAtTicks });
            e.HasIndex(x => new { x.SessionKey, x.OccurredAtTicks });
            e.HasIndex(x => new { x.Milestone, x.OccurredAtTicks });
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

        Journeys.JourneyModel.Configure(modelBuilder);

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
