using AuthEvents.Core.Alerts;
using AuthEvents.Core.Alerts.Rules;
using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;
using static AuthEvents.Tests.Alerts.AlertScript;

namespace AuthEvents.Tests.Alerts.Rules;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class MfaFatigueRuleTests
{
    private const string Ip = "203.0.113.80";
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly string Victim = Person("victim@example.com");
    private readonly AlertScript _script = new(T0);
    private readonly MfaFatigueRule _rule = new(new MfaFatigueSettings());

    private AlertInput Push(double minute, string? person = null) =>
        _script.Event(Minutes(minute), EventSource.OnePassword, "mfa_failed", person ?? Victim, Ip,
            reason: new FailureReason("type", "duo_timeout", CanonicalReasons.MfaTimeout), authenticator: "duo");

    private static AlertInput[][] OneByOne(IEnumerable<AlertInput> events) => events.Select(e => new[] { e }).ToArray();

    [Fact]
    public void Decide_NineUnansweredPushesThirtySecondsApart_Fires()
    {
        var pushes = Enumerable.Range(0, 9).Select(i => Push(i * 0.5)).ToList();

        var decisions = PersonRuleDriver.Deliver(_rule, OneByOne(pushes));

        Assert.Equal(2, decisions.Count);
        var last = decisions[^1];
        Assert.Equal((Victim, AlertKeyKind.Person, AlertSeverity.High), (last.Key, last.KeyKind, last.Severity));
        Assert.Equal(9, last.Figures["prompts"]);
        Assert.Equal(pushes.Select(p => p.EventId), last.Evidence.Select(e => e.EventId));
        Assert.Equal("m***@example.com", last.Label);
    }

    [Fact]
    public void Decide_FusionAuthChallengesAndLoginGovCodesForOneEmail_FiresAcrossProviders()
    {
        var fusionAuth = Enumerable.Range(0, 4)
            .Select(i => _script.Event(Minutes(i * 2), EventSource.FusionAuth, "user.two-factor.challenge", Victim, Ip, authenticator: "email"));
        var loginGov = Enumerable.Range(0, 4).Select(i => _script.CodeSent(Minutes(1 + (i * 2)), Victim, Ip, "phone:victim"));

        var decision = Assert.Single(PersonRuleDriver.Deliver(_rule, fusionAuth.Concat(loginGov).ToList()));

        Assert.Equal(8, decision.Figures["prompts"]);
        Assert.Equal(new[] { "LoginGov", "FusionAuth" }, (string[])decision.Figures["providers"]);
    }

    [Fact]
    public void Decide_NinePromptsOverThreeHours_DoesNotFire()
    {
        Assert.Empty(PersonRuleDriver.Deliver(_rule, OneByOne(Enumerable.Range(0, 9).Select(i => Push(i * 20)))));
    }

    [Fact]
    public void Decide_NinePeopleWithOnePromptEach_DoesNotFire()
    {
        Assert.Empty(PersonRuleDriver.Deliver(_rule, Enumerable.Range(0, 9).Select(i => Push(i * 0.5, Person($"p{i}@example.com"))).ToList()));
    }

    [Theory]
    [InlineData(7, 10, false)]
    [InlineData(8, 10, true)]
    [InlineData(8, 10.02, false)]
    public void Decide_PromptsAroundThresholdAndWindow_FiresWithEightNoMoreThanTenMinutesApart(int prompts, double spanMinutes, bool fires)
    {
        var events = Enumerable.Range(0, prompts).Select(i => Push(i * spanMinutes / (prompts - 1))).ToList();

        Assert.Equal(fires, PersonRuleDriver.Deliver(_rule, OneByOne(events)).Count > 0);
    }

    [Fact]
    public void Decide_MissingPromptArrivesLast_FiresOnTheLateArrival()
    {
        var pushes = Enumerable.Range(0, 8).Select(i => Push(i)).ToList();
        var late = pushes[0];

        var decisions = PersonRuleDriver.Deliver(_rule, OneByOne(pushes.Skip(1).Append(late)));

        var decision = Assert.Single(decisions);
        Assert.Equal(late.EventId, decision.Evidence[0].EventId);
    }

    [Fact]
    public void Decide_NewPromptOutsideAnEarlierBurst_DoesNotRaiseTheOldBurstAgain()
    {
        var burst = Enumerable.Range(0, 8).Select(i => Push(i * 0.5)).ToList();
        var later = Push(13);

        var decisions = _rule.Decide(new PersonWindow(Victim, [.. burst, later], new HashSet<long> { later.EventId }), []);

        Assert.Empty(decisions);
        Assert.Single(_rule.Decide(new PersonWindow(Victim, [.. burst, later], new HashSet<long> { burst[3].EventId }), []));
    }

    [Fact]
    public void Decide_AnsweredChallengesAndMissingFactors_AreNotPrompts()
    {
        var answered = Enumerable.Range(0, 5).Select(i => _script.Event(Minutes(i), EventSource.FusionAuth, "user.two-factor.success", Victim, Ip, authenticator: "authenticator"));
        var signedIn = Enumerable.Range(0, 5).Select(i => _script.Event(Minutes(i), EventSource.LoginGov, "mfa-login-auth-submitted", Victim, Ip, Outcome.Success));
        var missing = Enumerable.Range(0, 5).Select(i => _script.Event(Minutes(i), EventSource.OnePassword, "mfa_failed", Victim, Ip,
            reason: new FailureReason("type", "mfa_missing", CanonicalReasons.MfaMissing)));

        Assert.Empty(PersonRuleDriver.Deliver(_rule, answered.Concat(signedIn).Concat(missing).ToList()));
    }
}
