using AuthEvents.Core.Alerts;

namespace AuthEvents.Store.Alerts;

/// <summary>One alert as lists, the API and the hub show it.</summary>
public sealed record AlertRow(
    long Id,
    string RuleId,
    AlertSeverity Severity,
    AlertStatus Status,
    string Key,
    AlertKeyKind KeyKind,
    string? KeyLabel,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    long Count,
    int EvidenceKept,
    string? AssigneeSubject,
    string? AssigneeName,
    string Summary,
    string FiguresJson,
    bool IsDemo,
    AlertOrigin Origin,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    long ChangeSeq)
{
    internal static AlertRow From(AlertRecord a) => new(
        a.Id, a.RuleId, a.Severity, a.Status, a.AlertKey, a.KeyKind, a.KeyLabel,
        new DateTimeOffset(a.FirstSeenTicks, TimeSpan.Zero), new DateTimeOffset(a.LastSeenTicks, TimeSpan.Zero), a.Count, a.EvidenceKept,
        a.AssigneeSubject, a.AssigneeName, a.Summary, a.FiguresJson, a.IsDemo, a.Origin,
        new DateTimeOffset(a.OpenedAtTicks, TimeSpan.Zero), new DateTimeOffset(a.UpdatedAtTicks, TimeSpan.Zero), a.Version, a.ChangeSeq);
}
