namespace AuthEvents.Core.Events;

/// <summary>
/// One row of the <see cref="FailureReasonCatalog"/>: which <see cref="CanonicalReasons"/> constant a provider's
/// raw failure code belongs to.
/// </summary>
/// <param name="Source">The provider.</param>
/// <param name="EventType">The event type the rule is limited to, or null for any event of the provider.</param>
/// <param name="Field">The reason's field (Login.gov <c>failure_reason</c> key, <c>type</c>, <c>token</c>, <c>reason</c>, ...), or <c>*</c> for any.</param>
/// <param name="Code">The raw code, <c>*</c> for any, or <c>*suffix</c> for any code ending with the suffix.</param>
/// <param name="Canonical">The canonical reason (a <see cref="CanonicalReasons"/> constant).</param>
public sealed record FailureReasonRule(EventSource Source, string? EventType, string Field, string Code, string Canonical);
