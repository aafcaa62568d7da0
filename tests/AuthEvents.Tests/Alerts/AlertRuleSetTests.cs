using AuthEvents.Alerts;
using AuthEvents.Core.Alerts;
using AuthEvents.Core.Alerts.Rules;
using AuthEvents.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace AuthEvents.Tests.Alerts;

/// <summary>The rules a node runs, read from <c>Alerts:Rules:&lt;id&gt;</c> over their defaults, and the errors a bad setting gives at start.</summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class AlertRuleSetTests
{
    private static AlertRuleSet Read(params (string Key, string Value)[] settings) =>
        AlertRuleSet.From(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>("Alerts:" + s.Key, s.Value)))
            .Build().GetSection("Alerts"));

    [Fact]
    public void From_NoSettings_RunsTheLiveRulesWithTheirDefaults()
    {
        var set = Read();

        Assert.Empty(set.Errors);
        Assert.Equal(AlertRuleIds.All.Order(StringComparer.Ordinal), set.Enabled.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(new CredentialStuffingSettings(), set.Enabled[0].Settings with { });
    }

    [Fact]
    public void From_Settings_AreBoundOverTheDefaults()
    {
        var set = Read(
            ("Rules:credential-stuffing:Threshold", "30"),
            ("Rules:credential-stuffing:Window", "00:05:00"),
            ("Rules:credential-stuffing:Severity", "Critical"),
            ("Rules:credential-stuffing:GroupBySubnet", "true"),
            ("Rules:credential-stuffing:IgnoreIps:0", "10.0.0.0/8"),
            ("Rules:credential-stuffing:IgnoreIps:1", "192.0.2.1"),
            ("Rules:sms-pumping:Enabled", "false"));

        Assert.Empty(set.Errors);
        var settings = Assert.IsType<CredentialStuffingSettings>(set.Enabled.Single(r => r.Id == AlertRuleIds.CredentialStuffing).Settings);
        Assert.Equal((30, TimeSpan.FromMinutes(5), AlertSeverity.Critical, true), (settings.Threshold, settings.Window, settings.Severity, settings.GroupBySubnet));
        Assert.Equal(["10.0.0.0/8", "192.0.2.1"], settings.IgnoreIps);
        Assert.Equal([AlertRuleIds.SmsPumping], set.Disabled);
        Assert.DoesNotContain(set.Enabled, r => r.Id == AlertRuleIds.SmsPumping);
    }

    [Fact]
    public void PersonFlags_AreTheImpossibleTravelSettings()
    {
        var set = Read(("Rules:impossible-travel:MaxSpeedKmh", "800"), ("Rules:impossible-travel:MinDistanceKm", "250"));

        Assert.Equal((800d, 250d), (set.PersonFlags.MaxSpeedKmh, set.PersonFlags.MinDistanceKm));
    }

    [Theory]
    [InlineData("Rules:credential-stuffing:Treshold", "30", "Treshold")]
    [InlineData("Rules:credential-stufing:Threshold", "30", "credential-stufing is not a rule")]
    [InlineData("Rules:credential-stuffing:Threshold", "0", "Threshold must be at least 1")]
    [InlineData("Rules:credential-stuffing:Window", "00:00:30", "Window must be between")]
    [InlineData("Rules:credential-stuffing:Window", "00:10:30", "whole minutes")]
    [InlineData("Rules:credential-stuffing:IgnoreIps:0", "not-an-address", "IgnoreIps")]
    [InlineData("Rules:password-spray:MaxAttemptsPerPerson", "0", "MaxAttemptsPerPerson")]
    [InlineData("Rules:sms-pumping:Countries", "0", "Countries")]
    [InlineData("Rules:sms-pumping:Severity", "Urgent", "sms-pumping")]
    [InlineData("Rules:impossible-travel:MaxSpeedKmh", "0", "MaxSpeedKmh")]
    [InlineData("Rules:account-takeover-chain:Threshold", "4", "number of steps")]
    [InlineData("Rules:account-takeover-chain:NoveltyLookback", "02:00:00", "NoveltyLookback")]
    [InlineData("Rules:idv-fraud-spike:Window", "00:30:00", "hourly counts")]
    [InlineData("Rules:failure-rate-anomaly:Sigmas", "0", "Sigmas")]
    [InlineData("Rules:failure-rate-anomaly:BaselineWeeks", "1", "BaselineWeeks")]
    public void From_BadSetting_IsAnErrorNamingIt(string key, string value, string expected)
    {
        var set = Read((key, value));

        Assert.Contains(set.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }
}
