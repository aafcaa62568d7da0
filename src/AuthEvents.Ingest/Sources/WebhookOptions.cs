namespace AuthEvents.Ingest.Sources;

/// <summary>Limits shared by the webhook receivers (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>
    /// Bodies over this size are refused with 413 before they are read to the end. 64 KiB holds the providers' real
    /// payloads (a FusionAuth event with a full user profile is a few KiB) and keeps what an unsigned sender can make the
    /// dashboard buffer small.
    /// </summary>
    public long MaxBodyBytes { get; set; } = 64 * 1024;
}
