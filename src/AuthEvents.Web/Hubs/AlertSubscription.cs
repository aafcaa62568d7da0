using AuthEvents.Core.Alerts;
using AuthEvents.Store.Alerts;

namespace AuthEvents.Web.Hubs;

/// <summary>A parsed alert subscription: empty sets match every rule or status; no minimum matches every severity.</summary>
public sealed record AlertSubscription(IReadOnlySet<string> Rules, AlertSeverity? MinSeverity, IReadOnlySet<AlertStatus> Statuses)
{
    public bool Matches(AlertRow alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return (Rules.Count == 0 || Rules.Contains(alert.RuleId))
            && (MinSeverity is not { } least || alert.Severity >= least)
            && (Statuses.Count == 0 || Statuses.Contains(alert.Status));
    }
}
