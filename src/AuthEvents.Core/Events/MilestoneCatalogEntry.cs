namespace AuthEvents.Core.Events;

/// <summary>
/// One row of the <see cref="MilestoneCatalog"/>: how a provider's event type (and, where the type alone is
/// not enough, a context value) is classified.
/// </summary>
/// <param name="Source">The provider.</param>
/// <param name="EventType">
/// The provider's event type name, or a pattern: <c>*</c> for any type of that provider (its fallback row),
/// <c>*suffix</c> for any type ending with the suffix (e.g. <c>*-rate-limited</c>).
/// </param>
/// <param name="Context">
/// The context value this row applies to (Login.gov <c>limiter_type</c> on <c>idv-rate-limited</c>, Entrust
/// <c>token</c> on authentication events); null when the row applies to any context, and
/// <see cref="MilestoneCatalog.AbsentContext"/> (empty) when it applies only where the payload carries none.
/// </param>
/// <param name="Milestone">The milestone constant from <see cref="Milestones"/>.</param>
/// <param name="Step">
/// Ordinal of the step within the identity journey: ten times the milestone's 1-based position in
/// <see cref="Milestones.All"/>, plus a sub-step that orders event types sharing a milestone (a code sent before
/// the code submitted). Lower is earlier.
/// </param>
/// <param name="DefaultOutcome">
/// The outcome when the payload does not say (Login.gov events without <c>success</c>, and every 1Password,
/// Entrust and FusionAuth event, whose outcome follows from the type alone).
/// </param>
/// <param name="Description">What the event means, for the documentation page.</param>
public sealed record MilestoneCatalogEntry(
    EventSource Source,
    string EventType,
    string? Context,
    string Milestone,
    int Step,
    Outcome DefaultOutcome,
    string Description)
{
    /// <summary>True for rows that match by pattern (<c>*</c> or <c>*suffix</c>) rather than one named type.</summary>
    public bool IsPattern => EventType.StartsWith('*');
}
