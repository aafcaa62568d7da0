using AuthEvents.Core.Events;

namespace AuthEvents.Store.Entities;

/// <summary>
/// A person seen in a bucket (table <c>person_rollups</c>, hour and day grains), with whether they took an identity
/// verification step and whether they completed one there: distinct people over a range count these rows, not events.
/// </summary>
public sealed class PersonRollupRecord
{
    public RollupGrain Grain { get; set; }

    /// <summary>UTC ticks of the bucket start, a whole multiple of the grain.</summary>
    public long BucketTicks { get; set; }
    public EventSource Source { get; set; }

    /// <summary>Id of the person key in <c>rollup_people</c>.</summary>
    public long PersonId { get; set; }

    /// <summary>An event with an <c>idv.*</c> milestone happened in the bucket.</summary>
    public bool IdvStarted { get; set; }

    /// <summary>A successful <c>idv.complete</c> event happened in the bucket.</summary>
    public bool IdvCompleted { get; set; }
}
