using AuthEvents.Core.Events;

namespace AuthEvents.Store.Entities;

/// <summary>One failure reason of a stored event (table <c>failure_reasons</c>), denormalized with source and time for breakdowns.</summary>
public sealed class FailureReasonRecord
{
    public long Id { get; set; }
    public long EventId { get; set; }
    public EventSource Source { get; set; }
    public string EventType { get; set; } = "";
    public string Field { get; set; } = "";
    public string Code { get; set; } = "";
    public string Canonical { get; set; } = "";
    public long OccurredAtTicks { get; set; }
}
