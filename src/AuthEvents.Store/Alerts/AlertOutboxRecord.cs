namespace AuthEvents.Store.Alerts;

/// <summary>
/// A notification of one alert change to one channel (table <c>alert_outbox</c>), written in the change's transaction and
/// delivered by whichever node claims it.
/// </summary>
public sealed class AlertOutboxRecord
{
    public long Id { get; set; }

    /// <summary>The <c>alert_history</c> row notified.</summary>
    public long HistoryId { get; set; }

    /// <summary><c>webhook</c>, <c>slack</c> or <c>email</c>.</summary>
    public string Channel { get; set; } = "";

    /// <summary>A GUID sent with every attempt, so a receiver can drop a repeat.</summary>
    public string DeliveryId { get; set; } = "";

    /// <summary>The message as of the change.</summary>
    public string PayloadJson { get; set; } = "";
    public long CreatedAtTicks { get; set; }
    public long NextAttemptAtTicks { get; set; }
    public int Attempts { get; set; }
    public string? ClaimedBy { get; set; }
    public long? ClaimedUntilTicks { get; set; }
    public long? DeliveredAtTicks { get; set; }
    public long? GaveUpAtTicks { get; set; }

    /// <summary>The last HTTP or SMTP status code.</summary>
    public int? LastStatus { get; set; }

    /// <summary>The last failure as an exception type or status text: never a body, URL or secret.</summary>
    public string? LastError { get; set; }
}
