namespace AuthEvents.Web.Components.Pages.Session;

/// <summary>A session's IP, device or phone, and the other sessions and people seen with it, each a link.</summary>
public sealed record PivotLine(
    string Kind,
    string Value,
    string Title,
    IReadOnlyList<(string Label, string Url, string Detail)> Sessions,
    int SessionCount,
    IReadOnlyList<(string Label, string Url, string Detail)> People,
    int PeopleCount);
