using AuthEvents.Core.Events;

namespace AuthEvents.Store.Queries;

/// <summary>One event in full, for a detail panel: the canonical fields, its failure reasons and the provider's own
/// non-sensitive attributes. Personal data only as stored (keyed hashes, masked e-mail).</summary>
public sealed record EventDetail(
    long Id,
    EventSource Source,
    string Tenant,
    string ProviderEventId,
    string EventType,
    string Milestone,
    Outcome Outcome,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt,
    string? SubjectKey,
    string? PersonKey,
    string? EmailMasked,
    string? SessionKey,
    string? Ip,
    string? Country,
    string? City,
    string? UserAgent,
    string? DeviceKey,
    string? Authenticator,
    IReadOnlyList<EventReason> Reasons,
    string AttributesJson,
    bool IsDemo);
