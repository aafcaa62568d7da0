namespace AuthEvents.Web.Components.Pages.Session;

/// <summary>Where a session got in one funnel.</summary>
/// <param name="Funnel">The funnel's title.</param>
/// <param name="Reached">The furthest step reached in the session.</param>
/// <param name="Next">The step not reached ("completed" when none is left).</param>
/// <param name="Completed">True when the session completed the funnel.</param>
public sealed record SessionFunnelLine(string Funnel, string Reached, string Next, bool Completed);
