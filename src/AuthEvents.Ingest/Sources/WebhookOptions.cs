namespace AuthEvents.Ingest.Sources;

/// <summary>Limits shared by the webhook receivers (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Bodies over this size are refused with 413 before they are read to the end.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}
