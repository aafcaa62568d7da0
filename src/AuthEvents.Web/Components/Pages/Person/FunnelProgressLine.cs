namespace AuthEvents.Web.Components.Pages.Person;

/// <summary>A person's latest attempt at one funnel: where it got and how it ended.</summary>
/// <param name="Funnel">The funnel's title.</param>
/// <param name="FunnelUrl">The funnel page.</param>
/// <param name="Attempts">Recent attempts counted.</param>
/// <param name="Started">When the latest attempt started.</param>
/// <param name="Reached">The furthest step of the latest attempt (or the branch step).</param>
/// <param name="Status">"Completed", "In progress" or "Stopped before …".</param>
/// <param name="Completed">True when the latest attempt completed.</param>
/// <param name="LastFailure">Its last failure in words, or null.</param>
public sealed record FunnelProgressLine(string Funnel, string FunnelUrl, int Attempts, string Started, string Reached, string Status, bool Completed, string? LastFailure);
