using AuthEvents.Core.Events;
using AuthEvents.Store.Entities;

namespace AuthEvents.Store.Journeys;

/// <summary>What the journey index needs of one stored event: its identities and its journey classification.</summary>
internal sealed record JourneyInput(
    long EventId,
    EventSource Source,
    string EventType,
    string Milestone,
    int Step,
    Outcome Outcome,
    long OccurredTicks,
    string? PersonKey,
    string? EmailMasked,
    string? SubjectKey,
    string? SessionKey,
    string? Country,
    string? Authenticator,
    string? RateLimitType,
    string? ReasonCanonical,
    string? ReasonRaw)
{
    /// <summary>Login.gov names its limiter here; other providers' rate limits are known by their event type.</summary>
    public const string LimiterAttribute = "limiter_type";

    public static JourneyInput From(EventRecord record, AuthEvent e)
    {
        var reason = e.FailureReasons.Count > 0 ? e.FailureReasons[0] : null;
        return new JourneyInput(
            record.Id, e.Source, e.EventType, e.Milestone, e.Step, e.Outcome, record.OccurredAtTicks,
            e.PersonKey, e.EmailMasked, e.SubjectKey, e.SessionKey, e.Country, e.Authenticator,
            e.Outcome == Outcome.RateLimited ? e.Attributes.GetValueOrDefault(LimiterAttribute) ?? e.EventType : null,
            reason?.Canonical, reason is null ? null : reason.Field + ": " + reason.Code);
    }
}
