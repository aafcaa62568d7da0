using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Store.Entities;

namespace AuthEvents.Store;

/// <summary>Maps the canonical event to its stored row and back.</summary>
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

    public static AuthEvent ToEvent(EventRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new AuthEvent
        {
            Source = r.Source,
            Tenant = r.Tenant,
            ProviderEventId = r.ProviderEventId,
            EventType = r.EventType,
            Milestone = r.Milestone,
            Step = r.Step,
            Outcome = r.Outcome,
            FailureReasons = r.FailureReasons.Select(f => new FailureReason(f.Field, f.Code, f.Canonical)).ToList(),
            SubjectKey = r.SubjectKey,
            PersonKey = r.PersonKey,
            EmailMasked = r.EmailMasked,
            SessionKey = r.SessionKey,
            Ip = r.Ip,
            Country = r.Country,
            City = r.City,
            Latitude = r.Latitude,
            Longitude = r.Longitude,
            UserAgent = r.UserAgent,
            DeviceKey = r.DeviceKey,
            Authenticator = r.Authenticator,
            PhoneHash = r.PhoneHash,
            OccurredAt = new DateTimeOffset(r.OccurredAtTicks, TimeSpan.Zero),
            ReceivedAt = new DateTimeOffset(r.ReceivedAtTicks, TimeSpan.Zero),
            Attributes = JsonSerializer.Deserialize<Dictionary<string, string>>(r.AttributesJson) ?? [],
        };
    }
}
