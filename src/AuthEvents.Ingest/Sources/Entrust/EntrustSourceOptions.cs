namespace AuthEvents.Ingest.Sources.Entrust;

/// <summary>Entrust Identity as a Service webhooks (section <c>Sources:Entrust</c>), received at <c>POST /webhooks/entrust</c>.</summary>
public sealed class EntrustSourceOptions
{
    public const string SectionName = "Sources:Entrust";

    public bool Enabled { get; set; }

    /// <summary>The webhook token shown once at registration: the HMAC key. Several, separated by <c>;</c>, during a rotation.</summary>
    public string? WebhookToken { get; set; }

    /// <summary>The exact URL Entrust calls (the registered callback URL): the signed <c>@target-uri</c>. Never rebuilt from request headers.</summary>
    public Uri? CallbackUrl { get; set; }
}
