using System.Text.Encodings.Web;
using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Core.Inbox;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.EndToEnd;

/// <summary>The simulator's native payloads through the real normalizers: what the demo shows is what real traffic would give.</summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class SimulatorThroughNormalizersTests(NormalizedTrafficFixture traffic) : IClassFixture<NormalizedTrafficFixture>
{
    private static readonly JsonSerializerOptions Literal = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private IEnumerable<AuthEvent> Accepted => traffic.Results.Where(r => r.Result.IsAccepted).Select(r => r.Result.Event!);

    [Fact]
    public void Normalize_WellFormedDeliveries_AllAccepted()
    {
        var wellFormed = traffic.Results.Where(r => !r.Delivery.IsMalformed).ToArray();
        var rejected = wellFormed.Where(r => !r.Result.IsAccepted).Select(r => $"{r.Delivery.Source}: {r.Result.RejectionReason}");

        Assert.True(wellFormed.Length > 20_000);
        Assert.Empty(rejected);
    }

    [Fact]
    public void Normalize_MalformedDeliveries_AllRejectedWithReason()
    {
        var malformed = traffic.Results.Where(r => r.Delivery.IsMalformed).ToArray();
        var accepted = malformed.Where(r => r.Result.IsAccepted).Select(r => $"{r.Delivery.Source}: {r.Delivery.Payload}");

        Assert.All(Enum.GetValues<EventSource>(), source => Assert.Contains(malformed, r => r.Delivery.Source == source));
        Assert.Empty(accepted);
        Assert.All(malformed, r => Assert.False(string.IsNullOrWhiteSpace(r.Result.RejectionReason)));
    }

    [Fact]
    public void Normalize_MalformedDeliveries_EveryKindOfDefectNamedInItsReason()
    {
        var reasons = traffic.Results.Where(r => r.Delivery.IsMalformed).Select(r => (r.Delivery.Source, Reason: r.Result.RejectionReason!)).ToArray();

        Assert.All(Enum.GetValues<EventSource>(), source =>
        {
            Assert.Contains(reasons, r => r.Source == source && r.Reason.StartsWith("payload is not valid JSON", StringComparison.Ordinal));
            Assert.Contains(reasons, r => r.Source == source && r.Reason.StartsWith("missing required field '", StringComparison.Ordinal));
        });
        Assert.Contains(reasons, r => r.Source == EventSource.LoginGov && r.Reason == "field 'occurred_at' is not a number");
        Assert.Contains(reasons, r => r.Source == EventSource.LoginGov && r.Reason == "field 'events' must hold exactly one member, found 2");
        Assert.Contains(reasons, r => r.Source == EventSource.FusionAuth && r.Reason == "field 'event.createInstant' is not a number");
    }

    [Fact]
    public void ReadKey_AcceptedDeliveries_AgreesWithEventKey()
    {
        var accepted = traffic.Results.Where(r => r.Result.IsAccepted).ToArray();

        Assert.All(accepted, r => Assert.Equal(new InboxKey(r.Result.Event!.Tenant, r.Result.Event.ProviderEventId), r.Key));
        Assert.Equal(accepted.Length, accepted.Select(r => (r.Delivery.Source, r.Key)).Distinct().Count());
    }

    [Fact]
    public void Normalize_TwoHours_AllFourSourcesAccepted()
    {
        Assert.Equal(Enum.GetValues<EventSource>(), Accepted.Select(e => e.Source).Distinct().Order());
    }

    [Fact]
    public void Normalize_IdvSessions_SomeReachIdvCompleteThroughEveryMilestone()
    {
        string[] path = [Milestones.IdvDocumentUpload, Milestones.IdvDocument, Milestones.IdvSsn, Milestones.IdvPhone, Milestones.IdvVerification, Milestones.IdvComplete];
        var completed = Accepted
            .Where(e => e.Source == EventSource.LoginGov && e.Milestone.StartsWith("idv.", StringComparison.Ordinal) && e.SessionKey is not null)
            .GroupBy(e => e.SessionKey)
            .Select(g => g.OrderBy(e => e.OccurredAt).Select(e => e.Milestone).ToList())
            .Where(milestones => milestones.Contains(Milestones.IdvComplete))
            .ToArray();

        Assert.NotEmpty(completed);
        Assert.Contains(completed, milestones =>
        {
            var firsts = path.Select(m => milestones.IndexOf(m)).ToArray();
            return firsts.All(i => i >= 0) && firsts.SequenceEqual(firsts.Order());
        });
    }

    [Fact]
    public void Normalize_TwoHours_MfaFailuresFromSeveralSourcesWithReasons()
    {
        var failures = Accepted.Where(e => e.Milestone == Milestones.MfaVerify && e.Outcome == Outcome.Failure).ToArray();

        Assert.True(failures.Select(e => e.Source).Distinct().Count() >= 2, string.Join(",", failures.Select(e => e.Source).Distinct()));
        Assert.All(failures, e => Assert.NotEmpty(e.FailureReasons));
    }

    [Fact]
    public void Normalize_TwoHours_RateLimitsCarryTheLimiterAsReason()
    {
        var limited = Accepted.Where(e => e.Outcome == Outcome.RateLimited).ToArray();

        Assert.Contains(limited, e => e.EventType == "idv-rate-limited");
        Assert.Contains(limited, e => e.EventType == "login-rate-limited");
        Assert.All(limited, e => Assert.Contains(e.FailureReasons, r => r.Field == "rate_limit"));
    }

    [Fact]
    public void Normalize_UnknownEventType_KeptAsOther()
    {
        var other = Accepted.Where(e => e.Milestone == Milestones.Other).ToArray();

        Assert.NotEmpty(other);
        Assert.Contains(other, e => e.Source == EventSource.LoginGov && e.EventType == "test-event" && e.Outcome == Outcome.Success);
    }

    [Fact]
    public void Normalize_AcceptedEvents_HoldNoPersonalValueOfThePayloads()
    {
        var sensitive = SensitiveValues.Collect(traffic.Deliveries);
        var events = string.Join('\n', Accepted.Select(e => JsonSerializer.Serialize(e, Literal)));

        Assert.True(sensitive.ByKind["ssn"].Count > 20);
        Assert.Empty(sensitive.FindIn(events));
    }
}
