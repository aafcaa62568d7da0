using AuthEvents.Core.Alerts;
using AuthEvents.Core.Alerts.Rules;
using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;
using static AuthEvents.Tests.Alerts.AlertScript;

namespace AuthEvents.Tests.Alerts.Rules;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class SmsPumpingRuleTests
{
    private const string PumpIp = "198.51.100.66";
    private const string Tenant = "urn:gov:gsa:openidconnect.profiles:sp:sso:agency:example-app";
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private readonly AlertScript _script = new(T0);
    private readonly SmsPumpingRule _rule = new(new SmsPumpingSettings());

    private List<AlertInput> Sends(int count, Func<int, string> phone, Func<int, string> ip, Func<int, string?>? region = null, double overMinutes = 10) =>
        Enumerable.Range(0, count)
            .Select(i => _script.CodeSent(Minutes(i * overMinutes / count), Person($"s{i}@example.com"), ip(i), phone(i), region is null ? "US" : region(i)) with { Tenant = Tenant })
            .ToList();

    [Fact]
    public void Run_TwelveNumbersFromOneAddressInTenMinutes_Fires()
    {
        var decision = Assert.Single(CounterRuleDriver.Deliver(_rule, Sends(12, i => $"phone:{i}", _ => PumpIp)).Decisions);

        Assert.Equal((PumpIp, AlertKeyKind.Ip), (decision.Key, decision.KeyKind));
        Assert.Equal(new[] { "numbers" }, (string[])decision.Figures["met"]);
        Assert.Equal(12, decision.Figures["numbers"]);
    }

    [Fact]
    public void Run_FourNumbersInFourRegions_Fires()
    {
        var regions = new[] { "GB", "NG", "PK", "ID" };

        var decision = Assert.Single(CounterRuleDriver.Deliver(_rule, Sends(4, i => $"phone:{i}", _ => PumpIp, i => regions[i])).Decisions);

        Assert.Equal(new[] { "regions" }, (string[])decision.Figures["met"]);
        Assert.Equal(new[] { "GB", "ID", "NG", "PK" }, (string[])decision.Figures["regions"]);
    }

    [Fact]
    public void Run_SixTelephonyRateLimits_Fires()
    {
        var limits = Enumerable.Range(0, 6)
            .Select(i => i % 2 == 0
                ? _script.Event(Minutes(i), EventSource.LoginGov, "mfa-login-phone-otp-sent-rate-limited", Person("v@example.com"), PumpIp, phone: "phone:1")
                : _script.Event(Minutes(i), EventSource.LoginGov, "idv-rate-limited", Person("v@example.com"), PumpIp, context: "phone_confirmation"));

        var decision = Assert.Single(CounterRuleDriver.Deliver(_rule, limits).Decisions);

        Assert.Equal(new[] { "rateLimits" }, (string[])decision.Figures["met"]);
        Assert.Equal(6, decision.Figures["rateLimits"]);
    }

    [Fact]
    public void Run_TwelveResendsToOnePersonsNumber_DoesNotFire()
    {
        Assert.Empty(CounterRuleDriver.Deliver(_rule, Sends(12, _ => "phone:same", _ => PumpIp)).Decisions);
    }

    [Fact]
    public void Run_TwelveNumbersFromTwelveAddresses_DoesNotFireByAddressButFiresByTenant()
    {
        var sends = Sends(12, i => $"phone:{i}", i => $"192.0.2.{i + 1}");
        var byTenant = new SmsPumpingRule(new SmsPumpingSettings { KeyBy = SmsPumpingKey.Source });

        Assert.Empty(CounterRuleDriver.Deliver(_rule, sends).Decisions);
        var decision = Assert.Single(CounterRuleDriver.Deliver(byTenant, sends).Decisions);
        Assert.Equal(("LoginGov/" + Tenant, AlertKeyKind.Source), (decision.Key, decision.KeyKind));
    }

    [Theory]
    [InlineData(9, 10, false)]
    [InlineData(10, 10, true)]
    [InlineData(10, 15.5, false)]
    public void Run_NumbersAroundTheThresholdAndWindow_FiresOnlyWithTenWithinFifteenMinutes(int numbers, double overMinutes, bool fires)
    {
        var sends = Sends(numbers, i => $"phone:{i}", _ => PumpIp, overMinutes: overMinutes).Select((e, i) => i == numbers - 1 ? e with { OccurredAt = T0 + Minutes(overMinutes) } : e);

        Assert.Equal(fires, CounterRuleDriver.Deliver(_rule, sends).Decisions.Count > 0);
    }

    [Fact]
    public void Run_FusionAuthSmsChallenges_CountAsSendsWithoutNumbers()
    {
        var challenges = Enumerable.Range(0, 12)
            .Select(i => _script.Event(Minutes(i * 0.5), EventSource.FusionAuth, "user.two-factor.challenge", Person($"f{i}@example.com"), PumpIp, authenticator: "sms"))
            .ToList();
        var sends = Sends(10, i => $"phone:{i}", _ => PumpIp);

        Assert.Empty(CounterRuleDriver.Deliver(_rule, challenges).Decisions);
        var decision = CounterRuleDriver.Deliver(_rule, challenges.Concat(sends)).Last!;
        Assert.Equal(22, decision.Figures["sends"]);
        Assert.Equal(new[] { "LoginGov", "FusionAuth" }, (string[])decision.Figures["providers"]);
    }
}
