using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Store.Entities;

namespace AuthEvents.Store;

/// <summary>Maps the canonical event to its stored row.</summary>
public static class EventRecordMapper
{
    public static EventRecord ToRecord(AuthEvent e, long inboxId, bool isDemo)
    {
        ArgumentNullException.ThrowIfNull(e);
        var occurred = e.OccurredAt.UtcTicks;
        return new EventRecord
        {
            Source = e.Source,
            Tenant = e.Tenant,
            ProviderEventId = e.ProviderEventId,
            EventType = e.EventType,
            Milestone = e.Milestone,
            Step = e.Step,
            Outcome = e.Outcome,
            SubjectKey = e.SubjectKey,
            PersonKey = e.PersonKey,
            EmailMasked = e.EmailMasked,
            SessionKey = e.SessionKey,
            Ip = e.Ip,
            Country = e.Country,
            City = e.City,
            Latitude = e.Latitude,
            Longitude = e.Longitude,
            UserAgent = e.UserAgent,
            DeviceKey = e.DeviceKey,
            Authenticator = e.Authenticator,
            PhoneHash = e.PhoneHash,
            OccurredAtTicks = occurred,
            ReceivedAtTicks = e.ReceivedAt.UtcTicks,
            ReasonCodes = e.FailureReasons.Count == 0 ? null : string.Join(' ', e.FailureReasons.Select(r => r.Canonical).Distinct()),
            AttributesJson = JsonSerializer.Serialize(e.Attributes),
            IsDemo = isDemo,
            InboxId = inboxId,
            FailureReasons = e.FailureReasons.Select(r => new FailureReasonRecord
            {
                Source = e.Source,
                EventType = e.EventType,
                Field = r.Field,
                Code = r.Code,
                Canonical = r.Canonical,
                OccurredAtTicks = occurred,
            }).ToList(),
        };
    }
}
