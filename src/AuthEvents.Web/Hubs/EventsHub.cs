using AuthEvents.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace AuthEvents.Web.Hubs;

/// <summary>
/// <c>/hubs/events</c>: external live consumers call <c>Subscribe</c> with a filter and then receive each new stored event
/// (personal data hashed or masked, as on the pages) as the client method <c>event</c>. Subscribing again replaces the filter.
/// </summary>
[Authorize(Policy = AccessPolicies.Analyst)]
public sealed class EventsHub(HubSubscriptions subscriptions) : Hub
{
    public const string Path = "/hubs/events";
    public const string EventMethod = "event";

    public Task Subscribe(EventSubscriptionFilter? filter)
    {
        subscriptions.Set(Context.ConnectionId, (filter ?? new EventSubscriptionFilter(null, null, null)).Parse());
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
