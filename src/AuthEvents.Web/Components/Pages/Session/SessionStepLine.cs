using AuthEvents.Store.Journeys;

namespace AuthEvents.Web.Components.Pages.Session;

/// <summary>One event of a session with the time since the one before.</summary>
/// <param name="Event">The event.</param>
/// <param name="SincePrevious">Time since the previous event of the session, in words; empty for the first.</param>
/// <param name="Reasons">Its failure reasons in words.</param>
public sealed record SessionStepLine(TimelineEvent Event, string SincePrevious, string Reasons);
