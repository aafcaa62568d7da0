using AuthEvents.Core.Events;

namespace AuthEvents.Store.Queries;

/// <summary>A new event as the external live hub sends it: canonical fields, personal data only hashed or masked.</summary>
public sealed record HubEvent(
    long Id,
    EventSource Source,
    string ProviderEventId,
    string EventType,
    string Milestone,
    Outcome Outcome,
    DateTimeOffset OccurredAt,
    string? ReasonCodes,
    string? PersonKey,
    string? EmailMasked,
    string? SessionKey,
    string? Ip,
    string? Country,
    string? Authenticator,
    bool IsDemo);
