using AuthEvents.Core.Alerts;
using AuthEvents.Store.Alerts;

namespace AuthEvents.Alerts;

/// <summary>The <c>Alerts:Notify</c> section: where alert changes are sent.</summary>
public sealed class AlertNotifyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Alerts:Notify";

    /// <summary>The shortest secret accepted (the HMAC key).</summary>
    public const int MinSecretLength = 32;

    /// <summary>Alerts below this severity are not sent.</summary>
    public AlertSeverity MinSeverity { get; set; } = AlertSeverity.Medium;

    /// <summary>An alert opened on events older than this is not sent (a backlog, a re-evaluation, the demo's backfill).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a message the receiver keeps refusing with a retryable answer is tried before it is given up.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The dashboard's public base URL, for the link to each alert in messages.</summary>
    public Uri? DashboardUrl { get; set; }

    /// <summary>The signed JSON webhook.</summary>
    public WebhookSettings Webhook { get; set; } = new();

    /// <summary>The outgoing webhook: its URL and the HMAC secret its signature is made with.</summary>
    public sealed class WebhookSettings
    {
        public Uri? Url { get; set; }

        public string? Secret { get; set; }
    }

    /// <summary>The webhook URL when one is set (an empty value, as in the example settings, is none).</summary>
    public Uri? WebhookUrl => Webhook.Url is { OriginalString.Length: > 0 } url ? url : null;

    /// <summary>The channels configured, for the outbox.</summary>
    public AlertNotifyPolicy Policy => new()
    {
        Channels = WebhookUrl is null ? [] : [AlertOutbox.Webhook],
        MinSeverity = MinSeverity,
        MaxAge = MaxAge,
        DashboardUrl = DashboardUrl is { OriginalString.Length: > 0 } dashboard ? dashboard : null,
    };

    /// <summary>What is wrong with the settings.</summary>
    public IEnumerable<string> Errors()
    {
        if (WebhookUrl is { } url)
        {
            if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
            {
                yield return "Alerts:Notify:Webhook:Url must be an https URL (http only to a loopback address).";
            }

            if (Webhook.Secret is not { Length: >= MinSecretLength })
            {
                yield return $"Alerts:Notify:Webhook:Secret is required with a webhook URL, at least {MinSecretLength} characters.";
            }
        }

        if (MaxAge <= TimeSpan.Zero || GiveUpAfter <= TimeSpan.Zero)
        {
            yield return "Alerts:Notify:MaxAge and GiveUpAfter must be positive.";
        }

        if (DashboardUrl is { IsAbsoluteUri: false, OriginalString.Length: > 0 })
        {
            yield return "Alerts:Notify:DashboardUrl must be an absolute URL.";
        }
    }
}
