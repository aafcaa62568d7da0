using AuthEvents.Core.Events;
using AuthEvents.Store;

namespace AuthEvents.Tests.Store;

public sealed class EventRecordMapperTests
{
    [Fact]
    public void RoundTrip_EveryField_Survives()
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
        var back = EventRecordMapper.ToEvent(record);

        Assert.Equal("mfa-invalid token-invalid", record.ReasonCodes);
        Assert.Equal(42, record.InboxId);
        Assert.True(record.IsDemo);
        Assert.Equal(original.FailureReasons, back.FailureReasons);
        Assert.Equal(original.Attributes, back.Attributes);
        Assert.Equal(original with { FailureReasons = back.FailureReasons, Attributes = back.Attributes }, back);
    }
}
