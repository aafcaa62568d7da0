using AuthEvents.Core.Alerts;

namespace AuthEvents.Store.Alerts;

/// <summary>Which alert changes are sent, and where (<c>Alerts:Notify</c>).</summary>
public sealed record AlertNotifyPolicy
{
    /// <summary>Nothing is sent.</summary>
    public static AlertNotifyPolicy None { get; } = new();

    /// <summary>The configured channels (<see cref="AlertOutbox.Webhook"/>, …); empty sends nothing.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>Alerts below this severity are not sent.</summary>
    public AlertSeverity MinSeverity { get; init; } = AlertSeverity.Medium;

    /// <summary>An alert opened on events older than this (history, a backlog, the demo's backfill) is not sent.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The dashboard's public base URL, for each message's link to the alert; null leaves the link out.</summary>
    public Uri? DashboardUrl { get; init; }
}
