using AuthEvents.Web.Navigation;
using Microsoft.AspNetCore.SignalR;

namespace AuthEvents.Web.Hubs;

/// <summary>
/// Which alert changes an external client of <c>/hubs/events</c> wants: rule ids (<c>credential-stuffing</c>, …), the
/// least severity (<c>low</c>, <c>medium</c>, <c>high</c>, <c>critical</c>) and statuses (<c>open</c>,
/// <c>acknowledged</c>, <c>resolved</c>, <c>false-positive</c>). An empty or missing value means everything.
/// </summary>
public sealed record AlertSubscriptionFilter(IReadOnlyList<string>? Rules, string? MinSeverity, IReadOnlyList<string>? Statuses)
{
    /// <summary>The typed form; an unknown rule, severity or status is a <see cref="HubException"/> the client sees, never ignored.</summary>
    public AlertSubscription Parse()
    {
        var minSeverity = string.IsNullOrWhiteSpace(MinSeverity) ? [] : new[] { MinSeverity.Trim() };
        if (!AlertVocabulary.TryReadRules(FilterCodec.Values(new((Rules ?? []).ToArray())), out var rules, out var error)
            || !AlertVocabulary.TryReadSeverities(minSeverity, out var severity, out error)
            || !AlertVocabulary.TryReadStatuses(FilterCodec.Values(new((Statuses ?? []).ToArray())), out var statuses, out error))
        {
            throw new HubException(error);
        }

        return new AlertSubscription(rules, severity.Count == 0 ? null : severity.Single(), statuses);
    }

    /// <summary>The filter as the audit trail records it.</summary>
    public string Describe() =>
        $"alerts: rules={Join(Rules)}; minSeverity={(string.IsNullOrWhiteSpace(MinSeverity) ? "all" : MinSeverity.Trim())}; statuses={Join(Statuses)}";

    private static string Join(IReadOnlyList<string>? values) => values is { Count: > 0 } ? string.Join(",", values) : "all";
}
