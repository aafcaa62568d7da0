namespace AuthEvents.Store.Retention;

/// <summary>How one scheduled run of <see cref="RetentionService"/> ended.</summary>
/// <param name="Cutoff">Events that occurred before this were to be deleted.</param>
/// <param name="Deleted">What was deleted; null when the run failed (what it deleted before failing is in the audit trail).</param>
/// <param name="Failure">The exception type of a failed run; it is retried at the next interval.</param>
public sealed record RetentionRun(DateTimeOffset Cutoff, RetentionResult? Deleted, string? Failure);
