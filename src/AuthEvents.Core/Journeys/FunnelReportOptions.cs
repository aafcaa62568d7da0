namespace AuthEvents.Core.Journeys;

/// <summary>How to summarize attempts into a <see cref="FunnelReport"/>.</summary>
/// <param name="NowTicks">The current time (UTC ticks): attempts that can still progress after it are in progress, not dropped.</param>
/// <param name="Window">
/// A conversion window shorter than the funnel's own: steps reached later than this after the start are not
/// counted. Null for the funnel's own window. Attempts themselves stay delimited by the funnel's window.
/// </param>
/// <param name="Breakdown">What to break the people down by.</param>
public sealed record FunnelReportOptions(long NowTicks, TimeSpan? Window = null, FunnelBreakdown Breakdown = FunnelBreakdown.None);
