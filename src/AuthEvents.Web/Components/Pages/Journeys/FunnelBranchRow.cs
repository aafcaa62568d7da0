namespace AuthEvents.Web.Components.Pages.Journeys;

/// <summary>A branch as the /journeys step table shows it, under the main steps.</summary>
public sealed record FunnelBranchRow(
    string Label,
    string Description,
    string From,
    string Took,
    IReadOnlyList<(string Label, string Reached, string Median)> Steps,
    string Completed,
    string InProgress,
    string Dropped,
    string MedianToComplete,
    double TookWidth);
