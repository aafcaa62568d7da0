using AuthEvents.Core.Events;

namespace AuthEvents.Store.Queries;

/// <summary>One row of an event list: what a grid shows, nothing more.</summary>
public sealed record EventListItem(
    long Id,
    EventSource Source,
    string EventType,
    string Milestone,
    Outcome Outcome,
    string? ReasonCodes,
    string? PersonKey,
    string? EmailMasked,
    string? SessionKey,
    string? Ip,
    string? Country,
    string? Authenticator,
    DateTimeOffset OccurredAt,
    bool IsDemo);
