using AuthEvents.Core.Alerts;
using AuthEvents.Core.Alerts.Rules;
using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;
using static AuthEvents.Tests.Alerts.AlertScript;

namespace AuthEvents.Tests.Alerts.Rules;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class PasswordSprayRuleTests
{
    private const string SprayIp = "192.0.2.44";
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private readonly AlertScript _script = new(T0);
    private readonly PasswordSprayRule _rule = new(new PasswordSpraySettings());

    // 12 people, 1 or 2 failures each (18 in all), spread evenly over the given minutes.
    private List<AlertInput> Spray(double overMinutes, int people = 12)
    {
        var attempts = Enumerable.Range(0, people).SelectMany(p => Enumerable.Repeat(p, p % 2 == 0 ? 2 : 1)).ToList();
        return attempts
            .Select((p, i) => _script.PasswordFailure(Minutes(i * overMinutes / attempts.Count), (EventSource)((p % 4) + 1), Person($"user{p}@example.com"), SprayIp))
            .ToList();
    }

    [Fact]
    public void Run_TwelvePeopleWithOneOrTwoFailuresOverFiftyMinutes_Fires()
    {
        var events = Spray(50);

        var decision = Assert.Single(CounterRuleDriver.Deliver(_rule, events).Decisions);

        Assert.Equal(18, events.Count);
        Assert.Equal((SprayIp, AlertSeverity.Medium), (decision.Key, decision.Severity));
        Assert.Equal(12, decision.Figures["people"]);
        Assert.Equal(18, decision.Figures["attempts"]);
    }

    [Fact]
    public void Run_FourPeopleMistypingFourOrFiveTimes_DoesNotFire()
    {
        var events = Enumerable.Range(0, 18)
            .Select(i => _script.PasswordFailure(Minutes(i * 2.5), EventSource.OnePassword, Person($"office{i % 4}@example.com"), SprayIp));

        Assert.Empty(CounterRuleDriver.Deliver(_rule, events).Decisions);
    }

    [Fact]
    public void Run_SameTwelvePeopleOverThreeHours_DoesNotFire()
    {
        Assert.Empty(CounterRuleDriver.Deliver(_rule, Spray(180)).Decisions);
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    public void Run_PeopleAroundTheThreshold_FiresFromExactlyTheThreshold(int people, bool fires)
    {
        Assert.Equal(fires, CounterRuleDriver.Deliver(_rule, Spray(30, people)).Decisions.Count > 0);
    }

    [Fact]
    public void Run_OneOfTenPeopleOverTheAttemptLimit_NoLongerCountsSoDoesNotFire()
    {
        var events = Spray(30, 10);
        // A third failure beside the person's first two: every window with all ten people holds it.
        var third = _script.PasswordFailure(TimeSpan.Zero, EventSource.LoginGov, events[0].Person, SprayIp);

        Assert.Single(CounterRuleDriver.Deliver(_rule, events).Decisions);
        Assert.Empty(CounterRuleDriver.Deliver(new PasswordSprayRule(new PasswordSpraySettings()), events.Append(third)).Decisions);
    }

    [Fact]
    public void Run_LaterHalfFirst_FiresWhenTheEarlierHalfArrives()
    {
        var events = Spray(50);
        var driver = new CounterRuleDriver(_rule);

        driver.Run(events.Skip(9));
        Assert.Empty(driver.Decisions);
        driver.Run(events.Take(9));

        Assert.Single(driver.Decisions);
    }

    [Fact]
    public void SuppressedBy_CredentialStuffing()
    {
        Assert.Equal(AlertRuleIds.CredentialStuffing, ((IAlertRule)_rule).SuppressedBy);
        Assert.Null(((IAlertRule)new CredentialStuffingRule(new CredentialStuffingSettings())).SuppressedBy);
    }
}
