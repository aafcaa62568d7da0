namespace AuthEvents.Store.Alerts;

/// <summary>A value of the alert engine (table <c>alert_state</c>): the change sequence (<c>seq</c>), the latest receipt per source (<c>received.&lt;Source&gt;</c>).</summary>
public sealed class AlertStateRecord
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}
