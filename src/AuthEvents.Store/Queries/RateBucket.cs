using AuthEvents.Core.Events;

namespace AuthEvents.Store.Queries;

/// <summary>Events of one outcome that occurred in the bucket starting at <paramref name="Start"/>.</summary>
public sealed record RateBucket(DateTimeOffset Start, Outcome Outcome, int Count);
