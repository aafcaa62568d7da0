namespace AuthEvents.Web.Components.Pages.Journeys;

/// <summary>One breakdown value across the funnel's steps: people reaching each step and their share of the value's entrants.</summary>
public sealed record FunnelSegmentRow(string Value, string Entered, IReadOnlyList<(string Count, double Share)> Steps, string Completion);
