namespace AuthEvents.Store.Alerts;

/// <summary>
/// One minute of an IP-keyed rule's window for one key and member (table <c>alert_counters</c>). Members are prefixed:
/// <c>p:</c> a person root key, <c>s:</c> a source, <c>n:</c> a phone hash, <c>r:</c> a phone region, <c>l:</c> a rate limit.
/// </summary>
public sealed class AlertCounterRecord
{
    public string RuleId { get; set; } = "";
    public string AlertKey { get; set; } = "";

    /// <summary>The minute (UTC ticks of its start).</summary>
    public long BucketTicks { get; set; }
    public string Member { get; set; } = "";
    public int Count { get; set; }
    public long LastEventId { get; set; }
}
