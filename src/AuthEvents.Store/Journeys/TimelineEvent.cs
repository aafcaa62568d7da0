using AuthEvents.Core.Events;

namespace AuthEvents.Store.Journeys;

/// <summary>One event on a person's or a session's timeline, with every failure reason (canonical and raw).</summary>
public sealed record TimelineEvent(
    long Id,
    EventSource Source,
    string EventType,
    string Milestone,
    int Step,
    Outcome Outcome,
    IReadOnlyList<FailureReason> Reasons,
    string? PersonKey,
    string? SubjectKey,
    string? EmailMasked,
    string? SessionKey,
    string? Ip,
    string? Country,
    string? City,
    double? Latitude,
    double? Longitude,
    string? DeviceKey,
    string? Authenticator,
    string? PhoneHash,
    string? UserAgent,
    DateTimeOffset OccurredAt,
    bool IsDemo);
