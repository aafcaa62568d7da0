using AuthEvents.Core.Events;

namespace AuthEvents.Store.Queries;

/// <summary>One exported event: the canonical fields, personal data only in its stored (hashed or masked) form.</summary>
public sealed record ExportRow(
    EventSource Source,
    string Tenant,
    string ProviderEventId,
    string EventType,
    string Milestone,
    Outcome Outcome,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt,
    string FailureReasons,
    string? Person,
    string? EmailMasked,
    string? Session,
    string? Ip,
    string? Country,
    string? City,
    string? Authenticator,
    bool IsDemo);
