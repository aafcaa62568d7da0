using AuthEvents.Store.Journeys;

namespace AuthEvents.Web.Components.Pages.Person;

/// <summary>A session (or the events of one provider on one day without a session) on a person's timeline.</summary>
/// <param name="Title">The session key shortened, or "No session".</param>
/// <param name="SessionKey">The session key, when there is one.</param>
/// <param name="SessionUrl">The session page, when there is one.</param>
/// <param name="Sources">Provider names, comma separated.</param>
/// <param name="Span">First to last event, in words.</param>
/// <param name="Events">The events, oldest first.</param>
/// <param name="Failures">Failures and rate limits among them.</param>
/// <param name="Milestones">Milestones reached (success or info) in the group, in journey order.</param>
public sealed record TimelineGroup(
    string Title,
    string? SessionKey,
    string? SessionUrl,
    string Sources,
    string Span,
    IReadOnlyList<TimelineEvent> Events,
    int Failures,
    IReadOnlyList<string> Milestones);
