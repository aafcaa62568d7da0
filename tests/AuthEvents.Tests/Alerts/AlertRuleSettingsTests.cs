using AuthEvents.Core.Alerts;
using AuthEvents.Core.Alerts.Rules;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Alerts;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class AlertRuleSettingsTests
{
    // The defaults documented in docs/plans/alerts.md §10 (and, later, the README's settings table).
    public static TheoryData<AlertRuleSettings, int, string, AlertSeverity> Defaults() => new()
    {
        { new CredentialStuffingSettings(), 20, "00:10:00", AlertSeverity.High },
        { new PasswordSpraySettings(), 10, "01:00:00", AlertSeverity.Medium },
        { new MfaFatigueSettings(), 8, "00:10:00", AlertSeverity.High },
        { new SmsPumpingSettings(), 10, "00:15:00", AlertSeverity.High },
        { new ImpossibleTravelSettings(), 1, "1.00:00:00", AlertSeverity.Medium },
        { new AccountTakeoverChainSettings(), 3, "1.00:00:00", AlertSeverity.Critical },
        { new IdvFraudSpikeSettings(), 10, "01:00:00", AlertSeverity.High },
        { new FailureRateAnomalySettings(), 50, "01:00:00", AlertSeverity.Medium },
        { new SourceSilentSettings(), 10, "00:30:00", AlertSeverity.High },
    };

    [Theory]
    [MemberData(nameof(Defaults))]
    public void Defaults_AsDocumented(AlertRuleSettings settings, int threshold, string window, AlertSeverity severity)
    {
        Assert.Equal((true, threshold, TimeSpan.Parse(window, System.Globalization.CultureInfo.InvariantCulture), severity),
            (settings.Enabled, settings.Threshold, settings.Window, settings.Severity));
    }

    [Fact]
    public void RuleSpecificDefaults_AsDocumented()
    {
        Assert.Equal((false, 0), (new CredentialStuffingSettings().GroupBySubnet, new CredentialStuffingSettings().IgnoreIps.Count));
        Assert.Equal(2, new PasswordSpraySettings().MaxAttemptsPerPerson);
        Assert.Equal((3, 5, SmsPumpingKey.Ip), (new SmsPumpingSettings().Countries, new SmsPumpingSettings().RateLimits, new SmsPumpingSettings().KeyBy));
        Assert.Equal((1000d, 500d), (new ImpossibleTravelSettings().MaxSpeedKmh, new ImpossibleTravelSettings().MinDistanceKm));
        Assert.Equal((TimeSpan.FromDays(30), true), (new AccountTakeoverChainSettings().NoveltyLookback, new AccountTakeoverChainSettings().NewIpCounts));
        Assert.Equal((3d, 4, TimeSpan.FromDays(14)), (new IdvFraudSpikeSettings().Factor, new IdvFraudSpikeSettings().BaselineWeeks, new IdvFraudSpikeSettings().BaselineMin));
        var rate = new FailureRateAnomalySettings();
        Assert.Equal((2d, 4d, 4, TimeSpan.FromDays(14), false), (rate.Factor, rate.Sigmas, rate.BaselineWeeks, rate.BaselineMin, rate.PerSource));
        Assert.Equal(TimeSpan.FromDays(7), new SourceSilentSettings().BaselineMin);
    }

    [Fact]
    public void RuleIds_NineInEvaluationOrder_StuffingBeforeSpray()
    {
        Assert.Equal(9, AlertRuleIds.All.Distinct().Count());
        Assert.True(IndexOf(AlertRuleIds.CredentialStuffing) < IndexOf(AlertRuleIds.PasswordSpray));
        Assert.True(AlertRuleIds.IsKnown("sms-pumping"));
        Assert.False(AlertRuleIds.IsKnown("SMS-pumping"));
    }

    private static int IndexOf(string id) => AlertRuleIds.All.ToList().IndexOf(id);
}
