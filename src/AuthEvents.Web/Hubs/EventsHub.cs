using AuthEvents.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace AuthEvents.Web.Hubs;

/// <summary>
/// <c>/hubs/events</c>: external live consumers call <c>Subscribe</c> with a filter and then receive each new stored event
/// (personal data hashed or masked, as on the pages) as the client method <c>event</c>. Subscribing again replaces the filter.
/// </summary>
[Authorize(Policy = AccessPolicies.Analyst)]
public sealed class EventsHub(HubSubscriptions subscriptions, AuthEvents.Web.Audit.AuditLog audit) : Hub
{
    public const string Path = "/hubs/events";
    public const string EventMethod = "event";

    public async Task Subscribe(EventSubscriptionFilter? filter)
    {
        filter ??= new EventSubscriptionFilter(null, null, null);
        subscriptions.Set(Context.ConnectionId, filter.Parse());
        await audit.RecordAsync(Context.User ?? new(), AuthEvents.Web.Audit.AuditClient.From(Context.GetHttpContext()), AuthEvents.Store.Audit.AuditActions.HubSubscribed,
            Describe(filter), "", Context.ConnectionAborted);
    }

    private static string Describe(EventSubscriptionFilter filter) =>
        $"sources={Join(filter.Sources)}; milestones={Join(filter.Milestones)}; outcomes={Join(filter.Outcomes)}";

    private static string Join(IReadOnlyList<string>? values) => values is { Count: > 0 } ? string.Join(",", values) : "all";

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
