using AuthEvents.Store.Alerts;
using AuthEvents.Web.Components.Pages.Alerts;
using AuthEvents.Web.Navigation;

namespace AuthEvents.Web.Hubs;

/// <summary>
/// An alert as hub clients receive it (camelCase) after it opened or changed: its state now, with severity and status in
/// the /alerts page's URL words, the key as stored (a person's keyed hash, with <see cref="Label"/> its masked label),
/// <see cref="Change"/> the change's sequence number, and <see cref="Url"/> the /alerts link (relative to the dashboard).
/// </summary>
public sealed record HubAlertMessage(
    long Id,
    string Rule,
    string Severity,
    string Status,
    string Key,
    string KeyKind,
    string? Label,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    long Count,
    string? Assignee,
    string Summary,
    bool IsDemo,
    long Change,
    string Url)
{
    public static HubAlertMessage From(AlertRow alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new HubAlertMessage(
            alert.Id, alert.RuleId, AlertVocabulary.Severity(alert.Severity), AlertVocabulary.Status(alert.Status), alert.Key,
            AlertVocabulary.Name(alert.KeyKind), alert.KeyLabel, alert.FirstSeen, alert.LastSeen, alert.Count, alert.AssigneeSubject,
            alert.Summary, alert.IsDemo, alert.ChangeSeq, UrlOf(alert.Id));
    }

    /// <summary>The /alerts page with this alert open.</summary>
    public static string UrlOf(long id) => DashboardUrls.Alerts(AlertsUrl.Default with { Selected = id });
}
