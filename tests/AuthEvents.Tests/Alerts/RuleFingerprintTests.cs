using AuthEvents.Core.Alerts;
using AuthEvents.Core.Alerts.Rules;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Alerts;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class RuleFingerprintTests
{
    private static readonly string Default = RuleFingerprint.Of(new CredentialStuffingRule(new CredentialStuffingSettings()));

    [Fact]
    public void Of_DefaultSettings_StableLowercaseSha256Hex()
    {
        Assert.Matches("^[0-9a-f]{64}$", Default);
        Assert.Equal(Default, RuleFingerprint.Of(new CredentialStuffingRule(new CredentialStuffingSettings())));
    }

    [Fact]
    public void Of_SeverityOrEnabledChanged_Unchanged()
    {
        Assert.Equal(Default, RuleFingerprint.Of(AlertRuleIds.CredentialStuffing, 1, new CredentialStuffingSettings { Severity = AlertSeverity.Critical }));
        Assert.Equal(Default, RuleFingerprint.Of(AlertRuleIds.CredentialStuffing, 1, new CredentialStuffingSettings { Enabled = false }));
    }

    [Fact]
    public void Of_DetectionSettingChanged_Changed()
    {
        var changed = new[]
        {
            RuleFingerprint.Of(AlertRuleIds.CredentialStuffing, 1, new CredentialStuffingSettings { Threshold = 21 }),
            RuleFingerprint.Of(AlertRuleIds.CredentialStuffing, 1, new CredentialStuffingSettings { Window = TimeSpan.FromMinutes(11) }),
            RuleFingerprint.Of(AlertRuleIds.CredentialStuffing, 1, new CredentialStuffingSettings { GroupBySubnet = true }),
            RuleFingerprint.Of(AlertRuleIds.CredentialStuffing, 1, new CredentialStuffingSettings { IgnoreIps = ["10.0.0.0/8"] }),
            RuleFingerprint.Of(AlertRuleIds.CredentialStuffing, 2, new CredentialStuffingSettings()),
            RuleFingerprint.Of(AlertRuleIds.PasswordSpray, 1, new CredentialStuffingSettings()),
        };

        Assert.DoesNotContain(Default, changed);
        Assert.Equal(changed.Length, changed.Distinct().Count());
    }

    [Fact]
    public void Of_ListInAnotherOrder_Unchanged()
    {
        Assert.Equal(
            RuleFingerprint.Of(AlertRuleIds.CredentialStuffing, 1, new CredentialStuffingSettings { IgnoreIps = ["10.0.0.0/8", " 192.0.2.1"] }),
            RuleFingerprint.Of(AlertRuleIds.CredentialStuffing, 1, new CredentialStuffingSettings { IgnoreIps = ["192.0.2.1", "10.0.0.0/8"] }));
    }

    [Fact]
    public void Of_RuleSpecificSetting_Covered()
    {
        var rule = new AccountTakeoverChainRule(new AccountTakeoverChainSettings());

        Assert.NotEqual(RuleFingerprint.Of(rule), RuleFingerprint.Of(rule.Id, rule.LogicVersion, new AccountTakeoverChainSettings { NoveltyLookback = TimeSpan.FromDays(14) }));
        Assert.NotEqual(
            RuleFingerprint.Of(AlertRuleIds.ImpossibleTravel, 1, new ImpossibleTravelSettings()),
            RuleFingerprint.Of(AlertRuleIds.ImpossibleTravel, 1, new ImpossibleTravelSettings { MaxSpeedKmh = 900.5 }));
    }
}
