using AuthEvents.Core.Alerts;
using AuthEvents.Core.Alerts.Rules;
using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;
using static AuthEvents.Tests.Alerts.AlertScript;

namespace AuthEvents.Tests.Alerts.Rules;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class AccountTakeoverChainRuleTests
{
    private const string AttackerIp = "203.0.113.50";
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly string Victim = Person("pat.lee@example.com");
    private readonly AlertScript _script = new(T0);
    private readonly AccountTakeoverChainRule _rule = new(new AccountTakeoverChainSettings());

    // Two weeks of the victim's 1Password sign-ins from home, before the chain.
    private List<AlertInput> Usual(string? person = null) =>
        Enumerable.Range(1, 14)
            .Select(d => _script.Event(-TimeSpan.FromDays(d), EventSource.OnePassword, "success", person ?? Victim, "198.51.100.10", country: "US"))
            .ToList();

    private AlertInput Reset(double minute, string? person = null) =>
        _script.Event(Minutes(minute), EventSource.FusionAuth, "user.password.reset.success", person ?? Victim, AttackerIp, country: "RO");

    private AlertInput Passkey(double minute, string? person = null) =>
        _script.Event(Minutes(minute), EventSource.Entrust, "passkey.created", person ?? Victim, AttackerIp);

    private AlertInput SignIn(double minute, string country = "RO", string? person = null) =>
        _script.Event(Minutes(minute), EventSource.OnePassword, "success", person ?? Victim, AttackerIp, country: country);

    [Fact]
    public void Decide_FusionAuthResetEntrustPasskeyOnePasswordSignInFromANewCountry_FiresAcrossProviders()
    {
        var reset = Reset(0);
        var passkey = Passkey(5);
        var signIn = SignIn(12);

        var decision = Assert.Single(PersonRuleDriver.Deliver(_rule, Usual(), [reset], [passkey], [signIn]));

        Assert.Equal((Victim, AlertKeyKind.Person, AlertSeverity.Critical), (decision.Key, decision.KeyKind, decision.Severity));
        Assert.Equal(
            [new AlertEvidence(reset.EventId, reset.OccurredAt, 1), new AlertEvidence(passkey.EventId, passkey.OccurredAt, 2), new AlertEvidence(signIn.EventId, signIn.OccurredAt, 3)],
            decision.Evidence);
        Assert.Equal(new[] { "FusionAuth", "Entrust", "OnePassword" }, (string[])decision.Figures["stepProviders"]);
        Assert.Equal("country", decision.Figures["newBy"]);
        Assert.Contains("recovery at FusionAuth, MFA change at Entrust, sign-in from a new country at OnePassword, within 12 min", decision.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_SignInFromTheUsualCountry_DoesNotFire()
    {
        Assert.Empty(PersonRuleDriver.Deliver(_rule, Usual(), [Reset(0)], [Passkey(5)], [SignIn(12, "US")]));
    }

    [Fact]
    public void Decide_SignInTwoDaysLater_DoesNotFire()
    {
        Assert.Empty(PersonRuleDriver.Deliver(_rule, Usual(), [Reset(0)], [Passkey(5)], [SignIn(2 * 24 * 60)]));
    }

    [Fact]
    public void Decide_StepsSplitOverTwoPeople_DoesNotFire()
    {
        var other = Person("someone.else@example.com");

        Assert.Empty(PersonRuleDriver.Deliver(_rule, Usual(), Usual(other), [Reset(0)], [Passkey(5, other)], [SignIn(12, person: other)]));
    }

    [Fact]
    public void Decide_MfaChangeBeforeTheRecovery_DoesNotFire()
    {
        Assert.Empty(PersonRuleDriver.Deliver(_rule, Usual(), [Passkey(0)], [Reset(5)], [SignIn(12)]));
    }

    [Fact]
    public void Decide_StepsArriveLastFirst_FiresWhenTheChainCompletes()
    {
        var decisions = PersonRuleDriver.Deliver(_rule, Usual(), [SignIn(12)], [Reset(0)], [Passkey(5)]);

        var decision = Assert.Single(decisions);
        Assert.Equal([1, 2, 3], decision.Evidence.Select(e => e.Step!.Value));
    }

    [Fact]
    public void Decide_AttackersFailedAttemptsFromTheirCountryBeforeTheChain_DoNotMakeItKnown()
    {
        var probing = Enumerable.Range(0, 3)
            .Select(i => _script.Event(Minutes(-60 + i), EventSource.OnePassword, "credentials_failed", Victim, AttackerIp, country: "RO",
                reason: new FailureReason("type", "password_secret_bad", CanonicalReasons.InvalidCredentials)))
            .ToList();

        Assert.Single(PersonRuleDriver.Deliver(_rule, Usual(), probing, [Reset(0)], [Passkey(5)], [SignIn(12)]));
    }

    [Fact]
    public void Decide_FusionAuthNewDeviceSignIn_NewByDefinition()
    {
        var newDevice = _script.Event(Minutes(12), EventSource.FusionAuth, "user.login.new-device", Victim, "198.51.100.10", country: "US");

        var decision = Assert.Single(PersonRuleDriver.Deliver(_rule, Usual(), [Reset(0)], [Passkey(5)], [newDevice]));

        Assert.Equal("device", decision.Figures["newBy"]);
    }

    [Fact]
    public void Decide_LoginGovSignInFromAnUnseenDevice_Fires()
    {
        AlertInput LoginGov(double minute, string type, string device, Outcome? outcome = null) =>
            _script.Event(Minutes(minute), EventSource.LoginGov, type, Victim, "198.51.100.10", outcome, device: device);
        var usual = Enumerable.Range(1, 5).Select(d => LoginGov(-d * 24 * 60, "login-completed", "device:home")).ToList();
        var chain = new[]
        {
            LoginGov(0, "forgot-password-email-sent", "device:attacker", Outcome.Success),
            LoginGov(3, "forgot-password-new-password-submitted", "device:attacker", Outcome.Success),
            LoginGov(6, "mfa-enrolled", "device:attacker", Outcome.Success),
        };

        var fires = PersonRuleDriver.Deliver(_rule, usual, chain, [LoginGov(9, "login-completed", "device:attacker")]);
        var known = PersonRuleDriver.Deliver(new AccountTakeoverChainRule(new AccountTakeoverChainSettings()), usual, chain, [LoginGov(9, "login-completed", "device:home")]);

        Assert.Equal("device", Assert.Single(fires).Figures["newBy"]);
        Assert.Empty(known);
    }

    [Fact]
    public void Decide_SignInWithOnlyAnAddress_NewAddressCountsUnlessTurnedOff()
    {
        var usual = Enumerable.Range(1, 5)
            .Select(d => _script.Event(-TimeSpan.FromDays(d), EventSource.Entrust, "authentication.succeeded", Victim, "198.51.100.10")).ToList();
        var signIn = _script.Event(Minutes(12), EventSource.Entrust, "authentication.succeeded", Victim, AttackerIp);
        var ipOff = new AccountTakeoverChainRule(new AccountTakeoverChainSettings { NewIpCounts = false });

        Assert.Equal("address", Assert.Single(PersonRuleDriver.Deliver(_rule, usual, [Reset(0)], [Passkey(5)], [signIn])).Figures["newBy"]);
        Assert.Empty(PersonRuleDriver.Deliver(ipOff, usual, [Reset(0)], [Passkey(5)], [signIn]));
    }

    [Fact]
    public void Decide_ThresholdTwo_RecoveryAndMfaChangeAloneFire()
    {
        var rule = new AccountTakeoverChainRule(new AccountTakeoverChainSettings { Threshold = 2 });

        var decision = Assert.Single(PersonRuleDriver.Deliver(rule, [Reset(0)], [Passkey(5)]));

        Assert.Equal(2, decision.Figures["steps"]);
        Assert.Empty(PersonRuleDriver.Deliver(_rule, [Reset(0)], [Passkey(5)]));
    }

    [Fact]
    public void HistoryFrom_OnlyWithACandidateChain_TheLookbackBeforeItsRecovery()
    {
        var reset = Reset(0);
        var passkey = Passkey(5);
        var signIn = SignIn(12);

        Assert.Null(_rule.HistoryFrom(new PersonWindow(Victim, [signIn], new HashSet<long> { signIn.EventId })));
        Assert.Equal(reset.OccurredAt - TimeSpan.FromDays(30),
            _rule.HistoryFrom(new PersonWindow(Victim, [reset, passkey, signIn], new HashSet<long> { signIn.EventId })));
    }
}
