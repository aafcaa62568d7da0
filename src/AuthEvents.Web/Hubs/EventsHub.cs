using AuthEvents.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace AuthEvents.Web.Hubs;

/// <summary>
/// <c>/hubs/events</c>: external live consumers call <c>Subscribe</c> with a filter and then receive each new stored event
/// (personal data hashed or masked, as on the pages) as the client method <c>event</c>; <c>SubscribeAlerts</c> likewise
/// for each opened or changed alert, as <c>alert</c>. Subscribing again replaces that filter; the two are independent.
/// </summary>
[Authorize(Policy = AccessPolicies.Analyst)]
public sealed class EventsHub(HubSubscriptions subscriptions, HubAlertSubscriptions alertSubscriptions, AuthEvents.Web.Audit.AuditLog audit) : Hub
{
    public const string Path = "/hubs/events";
    public const string EventMethod = "event";
    public const string AlertMethod = "alert";

    public async Task Subscribe(EventSubscriptionFilter? filter)
    {
        filter ??= new EventSubscriptionFilter(null, null, null);
        subscriptions.Set(Context.ConnectionId, filter.Parse());
        await audit.RecordAsync(Context.User ?? new(), AuthEvents.Web.Audit.AuditClient.From(Context.GetHttpContext()), AuthEvents.Store.Audit.AuditActions.HubSubscribed,
            Describe(filter), "", Context.ConnectionAborted);
    }

    public async Task SubscribeAlerts(AlertSubscriptionFilter? filter)
    {
        filter ??= new AlertSubscriptionFilter(null, null, null);
        alertSubscriptions.Set(Context.ConnectionId, filter.Parse());
        await audit.RecordAsync(Context.User ?? new(), AuthEvents.Web.Audit.AuditClient.From(Context.GetHttpContext()), AuthEvents.Store.Audit.AuditActions.HubSubscribed,
            filter.Describe(), "", Context.ConnectionAborted);
    }

    private static string Describe(EventSubscriptionFilter filter) =>
        $"sources={Join(filter.Sources)}; milestones={Join(filter.Milestones)}; outcomes={Join(filter.Outcomes)}";

    private static string Join(IReadOnlyList<string>? values) => values is { Count: > 0 } ? string.Join(",", values) : "all";

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.Remove(Context.ConnectionId);
        alertSubscriptions.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
