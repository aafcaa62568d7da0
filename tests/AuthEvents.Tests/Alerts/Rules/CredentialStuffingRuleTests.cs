using AuthEvents.Core.Alerts;
using AuthEvents.Core.Alerts.Rules;
using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;
using static AuthEvents.Tests.Alerts.AlertScript;

namespace AuthEvents.Tests.Alerts.Rules;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class CredentialStuffingRuleTests
{
    private const string AttackerIp = "203.0.113.7";
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private readonly AlertScript _script = new(T0);
    private readonly CredentialStuffingRule _rule = new(new CredentialStuffingSettings());

    private List<AlertInput> Failures(int people, EventSource source, string ip = AttackerIp, double startMinute = 0, double everyMinutes = 0.25, string prefix = "") =>
        Enumerable.Range(0, people)
            .Select(i => _script.PasswordFailure(Minutes(startMinute + (i * everyMinutes)), source, Person($"{prefix}{source}{i}@example.com"), ip))
            .ToList();

    [Fact]
    public void Run_TwelvePeopleAtLoginGovAndTwelveAtFusionAuthFromOneIp_FiresCountedAcrossProviders()
    {
        var loginGov = Failures(12, EventSource.LoginGov, everyMinutes: 0.5);
        var fusionAuth = Failures(12, EventSource.FusionAuth, startMinute: 0.25, everyMinutes: 0.5);

        var both = CounterRuleDriver.Deliver(_rule, loginGov.Concat(fusionAuth).OrderBy(e => e.OccurredAt));
        var loginGovAlone = CounterRuleDriver.Deliver(new CredentialStuffingRule(new CredentialStuffingSettings()), loginGov);

        var decision = Assert.Single(both.Decisions);
        Assert.Equal((AttackerIp, AlertKeyKind.Ip, AlertSeverity.High), (decision.Key, decision.KeyKind, decision.Severity));
        Assert.Equal(24, decision.Figures["people"]);
        Assert.Equal(24, decision.Figures["attempts"]);
        Assert.Equal(new[] { "LoginGov", "FusionAuth" }, (string[])decision.Figures["providers"]);
        Assert.Equal(24, decision.Evidence.Count);
        Assert.Contains("24 people failed the password step from 203.0.113.7 within 10 min at LoginGov and FusionAuth", decision.Summary, StringComparison.Ordinal);
        Assert.Empty(loginGovAlone.Decisions);
    }

    [Fact]
    public void Run_ThreePeopleFailingEightTimesEach_DoesNotFire()
    {
        var events = Enumerable.Range(0, 24)
            .Select(i => _script.PasswordFailure(Minutes(i * 0.25), EventSource.LoginGov, Person($"office{i % 3}@example.com"), AttackerIp));

        Assert.Empty(CounterRuleDriver.Deliver(_rule, events).Decisions);
    }

    [Fact]
    public void Run_TwentyFourPeopleFromTwentyFourAddresses_DoesNotFire()
    {
        var events = Enumerable.Range(0, 24)
            .Select(i => _script.PasswordFailure(Minutes(i * 0.25), EventSource.FusionAuth, Person($"p{i}@example.com"), $"198.51.100.{i + 1}"));

        Assert.Empty(CounterRuleDriver.Deliver(_rule, events).Decisions);
    }

    [Theory]
    [InlineData(19, false)]
    [InlineData(20, true)]
    public void Run_PeopleAroundTheThreshold_FiresFromExactlyTheThreshold(int people, bool fires)
    {
        var driver = CounterRuleDriver.Deliver(_rule, Failures(people, EventSource.OnePassword));

        Assert.Equal(fires, driver.Decisions.Count > 0);
    }

    [Theory]
    [InlineData(9.99, true)]
    [InlineData(10, false)]
    public void Run_TwentiethPersonAtTheWindowsEdge_CountsOnlyWithinTheTenMinutes(double lastMinute, bool fires)
    {
        var first = Failures(19, EventSource.Entrust, everyMinutes: 0);
        var last = _script.PasswordFailure(Minutes(lastMinute), EventSource.Entrust, Person("last@example.com"), AttackerIp);

        var driver = CounterRuleDriver.Deliver(_rule, first, [last]);

        Assert.Equal(fires, driver.Decisions.Count > 0);
    }

    [Fact]
    public void Run_EarlierHalfArrivesAfterTheLaterHalf_FiresOnTheLateBatch()
    {
        var events = Failures(20, EventSource.LoginGov, everyMinutes: 0.5);

        var driver = new CounterRuleDriver(_rule);
        driver.Run(events.Skip(10));
        Assert.Empty(driver.Decisions);
        driver.Run(events.Take(10));

        var decision = Assert.Single(driver.Decisions);
        Assert.Equal(20, decision.Figures["people"]);
        Assert.Equal(10, decision.Evidence.Count);
    }

    [Fact]
    public void Run_OneByOneOrInOneBatch_SameFiguresAtTheEnd()
    {
        var events = Failures(25, EventSource.FusionAuth);

        var oneByOne = CounterRuleDriver.Deliver(_rule, events.Select(e => new[] { e }).ToArray());
        var batch = CounterRuleDriver.Deliver(new CredentialStuffingRule(new CredentialStuffingSettings()), events);

        Assert.Equal(6, oneByOne.Decisions.Count);
        Assert.Equal(batch.Last!.Figures["people"], oneByOne.Last!.Figures["people"]);
        Assert.Equal(25, batch.Last!.Figures["people"]);
    }

    [Fact]
    public void Run_FailuresWithoutAPerson_CountAsAttemptsNotPeople()
    {
        var anonymous = Enumerable.Range(0, 30).Select(i => _script.PasswordFailure(Minutes(i * 0.1), EventSource.LoginGov, null, AttackerIp)).ToList();
        var driver = CounterRuleDriver.Deliver(_rule, anonymous, Failures(20, EventSource.LoginGov, startMinute: 3.1, everyMinutes: 0.1));

        var decision = Assert.Single(driver.Decisions);
        Assert.Equal(20, decision.Figures["people"]);
        Assert.Equal(50, decision.Figures["attempts"]);
    }

    [Fact]
    public void Run_PolicyRefusalsFromOneAddress_DoNotCount()
    {
        var blocked = Enumerable.Range(0, 30)
            .Select(i => _script.Event(Minutes(i * 0.1), EventSource.OnePassword, "firewall_failed", Person($"p{i}@example.com"), AttackerIp));

        Assert.Empty(CounterRuleDriver.Deliver(_rule, blocked).Decisions);
    }

    [Fact]
    public void KeyOf_AddressInIgnoredNetwork_NotKeyedSoNeverFires()
    {
        var rule = new CredentialStuffingRule(new CredentialStuffingSettings { IgnoreIps = ["203.0.113.0/24", "2001:db8::1"] });

        Assert.Null(rule.KeyOf(_script.PasswordFailure(TimeSpan.Zero, EventSource.LoginGov, "email:p", AttackerIp)));
        Assert.Null(rule.KeyOf(_script.PasswordFailure(TimeSpan.Zero, EventSource.LoginGov, "email:p", "2001:db8::1")));
        Assert.Equal("203.0.114.7", rule.KeyOf(_script.PasswordFailure(TimeSpan.Zero, EventSource.LoginGov, "email:p", "203.0.114.7")));
        Assert.Empty(CounterRuleDriver.Deliver(rule, Failures(25, EventSource.LoginGov)).Decisions);
    }

    [Fact]
    public void Run_GroupBySubnet_JoinsNeighbouringAddressesUnderTheNetwork()
    {
        var seven = Failures(10, EventSource.LoginGov, "203.0.113.7", prefix: "a");
        var nine = Failures(10, EventSource.FusionAuth, "203.0.113.9", prefix: "b");
        var grouped = new CredentialStuffingRule(new CredentialStuffingSettings { GroupBySubnet = true });

        var byAddress = CounterRuleDriver.Deliver(_rule, seven.Concat(nine));
        var bySubnet = CounterRuleDriver.Deliver(grouped, seven.Concat(nine));

        Assert.Empty(byAddress.Decisions);
        var decision = Assert.Single(bySubnet.Decisions);
        Assert.Equal(("203.0.113.0/24", AlertKeyKind.Subnet), (decision.Key, decision.KeyKind));
        Assert.Equal("2001:db8:1:2::/64", grouped.KeyOf(_script.PasswordFailure(TimeSpan.Zero, EventSource.LoginGov, "email:p", "2001:db8:1:2:aa::5")));
        Assert.Equal("198.51.100.0/24", grouped.KeyOf(_script.PasswordFailure(TimeSpan.Zero, EventSource.LoginGov, "email:p", "::ffff:198.51.100.23")));
    }

    [Fact]
    public void Constructor_IgnoreIpsEntryNotAnAddress_Throws()
    {
        Assert.Throws<ArgumentException>(() => new CredentialStuffingRule(new CredentialStuffingSettings { IgnoreIps = ["office"] }));
    }
}
