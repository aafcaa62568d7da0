using AuthEvents.Core.Events;
using AuthEvents.Store;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Store;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class EventRecordMapperTests
{
    [Fact]
    public void ToRecord_EveryField_StoredAsIs()
    {
        var occurred = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero).AddTicks(5);
        var original = new AuthEvent
        {
            Source = EventSource.LoginGov,
            Tenant = "urn:aud",
            ProviderEventId = "jti-1",
            EventType = "idv-phone-otp-submitted",
            Milestone = Milestones.IdvPhoneCode,
            Step = 7,
            Outcome = Outcome.Failure,
            FailureReasons = [new FailureReason("code", "pattern_mismatch", CanonicalReasons.MfaInvalid), new FailureReason("otp", "expired", CanonicalReasons.TokenInvalid)],
            SubjectKey = "user-uuid",
            PersonKey = "email:abc",
            EmailMasked = "j***@example.com",
            SessionKey = "sess",
            Ip = "192.0.2.10",
            Country = "US",
            City = "Denver",
            Latitude = 39.7,
            Longitude = -104.9,
            UserAgent = "UA",
            DeviceKey = "device:1",
            Authenticator = "sms",
            PhoneHash = "phone:2",
            OccurredAt = occurred,
            ReceivedAt = occurred.AddSeconds(2),
            Attributes = new Dictionary<string, string> { ["language"] = "en" },
        };

        var record = EventRecordMapper.ToRecord(original, inboxId: 42, isDemo: true);

        Assert.Equal(
            (EventSource.LoginGov, "urn:aud", "jti-1", "idv-phone-otp-submitted", Milestones.IdvPhoneCode, 7, Outcome.Failure),
            (record.Source, record.Tenant, record.ProviderEventId, record.EventType, record.Milestone, record.Step, record.Outcome));
        Assert.Equal(
            ("user-uuid", "email:abc", "j***@example.com", "sess", "192.0.2.10", "US", "Denver", 39.7, -104.9),
            (record.SubjectKey, record.PersonKey, record.EmailMasked, record.SessionKey, record.Ip, record.Country, record.City, record.Latitude!.Value, record.Longitude!.Value));
        Assert.Equal(("UA", "device:1", "sms", "phone:2"), (record.UserAgent, record.DeviceKey, record.Authenticator, record.PhoneHash));
        Assert.Equal((occurred.UtcTicks, occurred.AddSeconds(2).UtcTicks), (record.OccurredAtTicks, record.ReceivedAtTicks));
        Assert.Equal("mfa-invalid token-invalid", record.ReasonCodes);
        Assert.Equal("{\"language\":\"en\"}", record.AttributesJson);
        Assert.Equal((42L, true), (record.InboxId, record.IsDemo));
        Assert.Equal(
            [("code", "pattern_mismatch", CanonicalReasons.MfaInvalid, occurred.UtcTicks), ("otp", "expired", CanonicalReasons.TokenInvalid, occurred.UtcTicks)],
            record.FailureReasons.Select(r => (r.Field, r.Code, r.Canonical, r.OccurredAtTicks)));
    }
}
