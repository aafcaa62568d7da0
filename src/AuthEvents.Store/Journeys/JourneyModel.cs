using AuthEvents.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Journeys;

/// <summary>The journey tables in the EF model; the hand-written migration <c>20261122000003_Journeys</c> creates the same.</summary>
internal static class JourneyModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<JourneyIdentityRecord>(e =>
        {
            e.ToTable("journey_identities");
            e.HasIndex(x => x.IdentityKey).IsUnique();
            e.HasIndex(x => x.RootId);
        });
        modelBuilder.Entity<JourneyEventRecord>(e =>
        {
            e.ToTable("journey_events");
            e.HasKey(x => x.EventId);
            e.Property(x => x.EventId).ValueGeneratedNever();
            e.HasIndex(x => new { x.PersonId, x.OccurredAtTicks });
        });
        modelBuilder.Entity<JourneyAttemptRecord>(e =>
        {
            e.ToTable("journey_attempts");
            e.HasKey(x => new { x.Funnel, x.StartTicks, x.PersonId });
            e.HasIndex(x => new { x.Funnel, x.PersonId, x.StartTicks });
        });
        modelBuilder.Entity<JourneyStateRecord>(e =>
        {
            e.ToTable("journey_state");
            e.HasKey(x => x.Key);
        });

        // Pivots from a device or a phone to the other people and sessions that used it.
        modelBuilder.Entity<EventRecord>(e =>
        {
            // Partial (migration SparseEventIndexes): half the events have no device and most no phone.
            e.HasIndex(x => x.DeviceKey).HasFilter("device_key IS NOT NULL");
            e.HasIndex(x => x.PhoneHash).HasFilter("phone_hash IS NOT NULL");
        });
    }
}
