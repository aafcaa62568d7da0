using System.ComponentModel.DataAnnotations;

namespace AuthEvents.Web.Hosting;

/// <summary>
/// <c>RateLimits:*</c>: how much one user or one address may hold or send at once. A request beyond a limit gets 429
/// with <c>Retry-After</c>; the limits apply after sign-in and roles, so a refusal for those still reads 401 or 403.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Exports (<c>/api/events</c>, <c>/api/alerts</c>, <c>/api/audit</c>, audit verification) one user may have streaming at once.</summary>
    [Range(1, 100, ErrorMessage = "RateLimits:ExportsPerUser must be between {1} and {2}.")]
    public int ExportsPerUser { get; set; } = 2;

    /// <summary>Connections to the events hub one user may hold open at once.</summary>
    [Range(1, 10_000, ErrorMessage = "RateLimits:HubConnectionsPerUser must be between {1} and {2}.")]
    public int HubConnectionsPerUser { get; set; } = 20;

    /// <summary>
    /// Webhook requests one client address may send in a burst and, refilled evenly over <see cref="WebhookWindow"/>, per
    /// window. The default, 2,000 per 10 s, is 200 a second: the rate the dashboard was measured to keep up with.
    /// </summary>
    [Range(1, 10_000_000, ErrorMessage = "RateLimits:WebhooksPerIp must be between {1} and {2}.")]
    public int WebhooksPerIp { get; set; } = 2_000;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "RateLimits:WebhookWindow must be between {1} and {2}.")]
    public TimeSpan WebhookWindow { get; set; } = TimeSpan.FromSeconds(10);
}
