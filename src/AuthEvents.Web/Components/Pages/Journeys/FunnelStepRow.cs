namespace AuthEvents.Web.Components.Pages.Journeys;

/// <summary>One main step as the /journeys step table shows it.</summary>
public sealed record FunnelStepRow(
    int Index,
    string Id,
    string Label,
    string Description,
    string Entered,
    string Converted,
    string Dropped,
    int DroppedCount,
    string InProgress,
    string Branched,
    string Implied,
    string Rate,
    string Median,
    string P90,
    int Fast,
    string? FastThreshold,
    string? WindowNote,
    double EnteredWidth,
    double ConvertedWidth,
    bool IsLast,
    string? ViaBranches,
    string DropOffUrl,
    string? FastUrl,
    bool DropOffOpen,
    bool FastOpen);
