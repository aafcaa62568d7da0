using AuthEvents.Core.Events;

namespace AuthEvents.Store.Entities;

/// <summary>A stored canonical event (table <c>events</c>). Times are UTC ticks so that ranges and ordering run on integers.</summary>
public sealed class EventRecord
{
    public long Id { get; set; }
    public EventSource Source { get; set; }
    public string Tenant { get; set; } = "";
    public string ProviderEventId { get; set; } = "";
    public string EventType { get; set; } = "";
    public string Milestone { get; set; } = "";

    /// <summary>Position of the event type within its journey (from the milestone catalog), for ordering ties.</summary>
    public int Step { get; set; }
    public Outcome Outcome { get; set; }
    public string? SubjectKey { get; set; }
    public string? PersonKey { get; set; }
    public string? EmailMasked { get; set; }
    public string? SessionKey { get; set; }
    public string? Ip { get; set; }
    public string? Country { get; set; }
    public string? City { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? UserAgent { get; set; }
    public string? DeviceKey { get; set; }
    public string? Authenticator { get; set; }
    public string? PhoneHash { get; set; }
    public long OccurredAtTicks { get; set; }
    public long ReceivedAtTicks { get; set; }

    /// <summary>Canonical codes of the failure reasons, space separated, for filtering without a join.</summary>
    public string? ReasonCodes { get; set; }

    /// <summary>Non-sensitive provider attributes as a JSON object.</summary>
    public string AttributesJson { get; set; } = "{}";

    public bool IsDemo { get; set; }
    public long InboxId { get; set; }
    public List<FailureReasonRecord> FailureReasons { get; set; } = [];
}
