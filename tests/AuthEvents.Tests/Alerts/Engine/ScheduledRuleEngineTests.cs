using AuthEvents.Core.Alerts;
using AuthEvents.Core.Alerts.Rules;
using AuthEvents.Core.Events;
using AuthEvents.Store;
using AuthEvents.Store.Alerts;
using AuthEvents.Store.Audit;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Alerts.Engine;

/// <summary>
/// The scheduled rules over rollups written by real commits, on the test clock: spikes against the same hour of earlier
/// weeks, silent sources, the minute run once whatever the number of nodes, and counters pruned. Runs on SQLite here and
/// on PostgreSQL in AuthEvents.Tests.PostgreSql.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class ScheduledRuleEngineTests : IDisposable
{
    // The harness's events are placed relative to 09:00 on 2026-11-30; "now" is 10:30 the same day.
    private static readonly TimeSpan ThisHour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    private static readonly IReadOnlyDictionary<EventSource, bool> LoginGovOnly = new Dictionary<EventSource, bool> { [EventSource.LoginGov] = false };
    private readonly AlertEngineHarness _h = new();
    private readonly IdvFraudSpikeRule _spike = new(new IdvFraudSpikeSettings());
    private readonly FailureRateAnomalyRule _rate = new(new FailureRateAnomalySettings());
    private readonly SourceSilentRule _silent = new(new SourceSilentSettings());

    public ScheduledRuleEngineTests()
    {
        _h.Clock.SetUtcNow(AlertEngineHarness.Start + TimeSpan.FromHours(1.5));
        _audit = new AuditStore(_h.Database.Contexts, _h.Gate, AuditChain.FromPayloadKey(new byte[32]), _h.Clock);
    }

    public void Dispose() => _h.Dispose();

    private readonly AuditStore _audit;

    private AlertSchedule Schedule(StoreWriteGate? gate = null) => new(_h.Database.Contexts, gate ?? _h.Gate, _h.Clock, new AlertWriterOptions(), _audit);

    private AuthEvent FraudCheck(TimeSpan at, Outcome outcome = Outcome.Failure) =>
        _h.Event(at, EventSource.LoginGov, "idv-tmx-fraud-check", AlertEngineHarness.Person((int)(at.Ticks % 1000)), "198.51.100.1", outcome);

    /// <summary><paramref name="count"/> events spread over the first half of an hour that starts at <paramref name="hour"/>.</summary>
    private static IEnumerable<TimeSpan> Spread(TimeSpan hour, int count) => Enumerable.Range(0, count).Select(i => hour + TimeSpan.FromMinutes(i * 29.0 / Math.Max(1, count)));

    private async Task WeeksAsync(int weeks, int perHour)
    {
        for (var k = 1; k <= weeks; k++)
        {
            await _h.CommitAsync([.. Spread(ThisHour - (k * Week), perHour).Select(at => FraudCheck(at))]);
        }
    }

    [Fact]
    public async Task Spike_FifteenFraudCheckFailuresAgainstTwoAWeek_Opens()
    {
        await _h.MigrateAsync();
        await WeeksAsync(4, 2);
        await _h.PrepareAsync(_spike);
        await _h.CommitAsync([.. Spread(ThisHour, 15).Select(at => FraudCheck(at))]);

        var run = await Schedule().RunAsync([_spike], LoginGovOnly, CancellationToken.None);

        Assert.True(run.Claimed);
        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal((AlertRuleIds.IdvFraudSpike, IdvFraudSpikeRule.FraudCheck, AlertKeyKind.IdvCheck, 15L), (alert.RuleId, alert.AlertKey, alert.KeyKind, alert.Count));
        Assert.Contains("15 fraud-check failures in the hour from 10:00 UTC, against 2 in that hour of the last 4 weeks", alert.Summary, StringComparison.Ordinal);
        Assert.Equal(15, (await _h.EvidenceAsync(alert.Id)).Count);
    }

    [Fact]
    public async Task Spike_SameFifteenWhenTheWeeksHadTwelve_OpensNothing()
    {
        await _h.MigrateAsync();
        await WeeksAsync(4, 12);
        await _h.PrepareAsync(_spike);
        await _h.CommitAsync([.. Spread(ThisHour, 15).Select(at => FraudCheck(at))]);

        await Schedule().RunAsync([_spike], LoginGovOnly, CancellationToken.None);

        Assert.Empty(await _h.AlertsAsync());
    }

    [Fact]
    public async Task Spike_WithOneWeekOfHistory_WaitsForABaseline()
    {
        await _h.MigrateAsync();
        await WeeksAsync(1, 2);
        await _h.PrepareAsync(_spike);
        await _h.CommitAsync([.. Spread(ThisHour, 15).Select(at => FraudCheck(at))]);

        await Schedule().RunAsync([_spike], LoginGovOnly, CancellationToken.None);

        Assert.Empty(await _h.AlertsAsync());
    }

    [Fact]
    public async Task Spike_RunAgainNextMinute_UpdatesTheSameAlertWithoutCountingTwice()
    {
        await _h.MigrateAsync();
        await WeeksAsync(4, 2);
        await _h.PrepareAsync(_spike);
        await _h.CommitAsync([.. Spread(ThisHour, 15).Select(at => FraudCheck(at))]);
        await Schedule().RunAsync([_spike], LoginGovOnly, CancellationToken.None);

        await _h.CommitAsync(FraudCheck(ThisHour + TimeSpan.FromMinutes(29.5)));
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        await Schedule().RunAsync([_spike], LoginGovOnly, CancellationToken.None);

        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal(16L, alert.Count);
        Assert.Contains("\"failures\":16", alert.FiguresJson, StringComparison.Ordinal);
    }

    private AuthEvent Mfa(TimeSpan at, bool failed) =>
        _h.Event(at, EventSource.LoginGov, "mfa-login-auth-submitted", AlertEngineHarness.Person((int)(at.Ticks % 5000)), "198.51.100.2",
            failed ? Outcome.Failure : Outcome.Success);

    private async Task MfaHourAsync(TimeSpan hour, int attempts, double failedShare) =>
        await _h.CommitAsync([.. Spread(hour, attempts).Select((at, i) => Mfa(at, i < (int)Math.Round(attempts * failedShare)))]);

    [Theory]
    [InlineData(0.05, 200, true)]
    [InlineData(0.25, 200, false)]
    [InlineData(0.05, 20, false)]
    public async Task Rate_ThirtyPercentOfMfaAttemptsFail_OpensOnlyAgainstALowBaselineWithEnoughAttempts(double baselineShare, int attempts, bool fires)
    {
        await _h.MigrateAsync();
        for (var k = 1; k <= 4; k++)
        {
            await MfaHourAsync(ThisHour - (k * Week), 100, baselineShare);
        }

        await _h.PrepareAsync(_rate);
        await MfaHourAsync(ThisHour, attempts, 0.30);

        await Schedule().RunAsync([_rate], LoginGovOnly, CancellationToken.None);

        var alerts = await _h.AlertsAsync();
        if (fires)
        {
            var alert = Assert.Single(alerts);
            Assert.Equal((AlertRuleIds.FailureRateAnomaly, Milestones.MfaVerify, AlertKeyKind.Milestone), (alert.RuleId, alert.AlertKey, alert.KeyKind));
            Assert.Equal(60L, alert.Count);
            Assert.Contains("\"attempts\":200", alert.FiguresJson, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(alerts);
        }
    }

    private async Task DeliveredDailyAsync(int perHour)
    {
        // The same hours of the day (10:00 and 11:00) for fourteen days: what "normally delivers" is measured on.
        for (var d = 1; d <= 14; d++)
        {
            foreach (var hour in new[] { ThisHour, ThisHour + TimeSpan.FromHours(1) })
            {
                await _h.CommitAsync([.. Spread(hour - TimeSpan.FromDays(d), perHour).Select(at =>
                    _h.Event(at, EventSource.LoginGov, "login-email-and-password-auth", AlertEngineHarness.Person(d), "198.51.100.3", Outcome.Success))]);
            }
        }
    }

    [Fact]
    public async Task Silent_BusySourceQuietForThirtyOneMinutes_OpensAndResolvesItselfWhenItDeliversAgain()
    {
        await _h.MigrateAsync();
        await DeliveredDailyAsync(40);
        await _h.PrepareAsync(_silent);
        // The first minute only notes when the source was last heard of: from now, as after an upgrade.
        Assert.Empty((await Schedule().RunAsync([_silent], LoginGovOnly, CancellationToken.None)).Changed);

        _h.Clock.Advance(TimeSpan.FromMinutes(31));
        var silent = await Schedule().RunAsync([_silent], LoginGovOnly, CancellationToken.None);

        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal(1, silent.Opened);
        Assert.Equal((AlertRuleIds.SourceSilent, "LoginGov", AlertKeyKind.Source, AlertStatus.Open), (alert.RuleId, alert.AlertKey, alert.KeyKind, alert.Status));

        // It delivers again; the evaluator notes the receipt, and the next minute resolves the alert.
        await _h.CommitAsync(_h.Event(TimeSpan.FromHours(2.1), EventSource.LoginGov, "login-email-and-password-auth", AlertEngineHarness.Person(1), "198.51.100.3", Outcome.Success));
        await _h.EvaluateAsync(_silent);
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        var back = await Schedule().RunAsync([_silent], LoginGovOnly, CancellationToken.None);

        Assert.Equal(1, back.Resolved);
        alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal(AlertStatus.Resolved, alert.Status);
        var resolved = (await _h.HistoryAsync(alert.Id)).Last();
        Assert.Equal((AlertChange.AutoResolved, AlertStatus.Open, AlertStatus.Resolved, AlertWriter.SystemActor), (resolved.Change, resolved.FromStatus, resolved.ToStatus, resolved.ActorSubject));
        // Audited as the system, in the chain.
        var audited = Assert.Single(await _audit.ListAsync(new AuditQuery(), null, 10, CancellationToken.None));
        Assert.Equal(("system", AuditActions.AlertStatusChanged, $"alert:{alert.Id}"), (audited.Subject, audited.Action, audited.Target));
        Assert.StartsWith("open→resolved; rule=source-silent; key=LoginGov", audited.Detail, StringComparison.Ordinal);
        Assert.True((await _audit.VerifyAsync(CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task Silent_SourceThatDeliversLittle_OpensNothing()
    {
        await _h.MigrateAsync();
        await DeliveredDailyAsync(2);
        await _h.PrepareAsync(_silent);
        await Schedule().RunAsync([_silent], LoginGovOnly, CancellationToken.None);

        _h.Clock.Advance(TimeSpan.FromMinutes(31));
        await Schedule().RunAsync([_silent], LoginGovOnly, CancellationToken.None);

        Assert.Empty(await _h.AlertsAsync());
    }

    [Fact]
    public async Task Minute_TwoNodes_RunItOnce()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_spike);
        using var otherGate = new StoreWriteGate();

        var runs = await Task.WhenAll(
            Task.Run(() => Schedule().RunAsync([_spike], LoginGovOnly, CancellationToken.None)),
            Task.Run(() => Schedule(otherGate).RunAsync([_spike], LoginGovOnly, CancellationToken.None)));

        Assert.Equal([false, true], runs.Select(r => r.Claimed).Order());
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await Schedule(otherGate).RunAsync([_spike], LoginGovOnly, CancellationToken.None)).Claimed);
    }

    [Fact]
    public async Task Minute_CountersPastTheirWindow_ArePruned()
    {
        await _h.MigrateAsync();
        var stuffing = new CredentialStuffingRule(new CredentialStuffingSettings());
        await _h.PrepareAsync(stuffing);
        // Failures an hour ago, and now: only the recent minutes can still be part of a window.
        await _h.CommitAsync(
            _h.PasswordFailure(TimeSpan.FromMinutes(30), EventSource.LoginGov, AlertEngineHarness.Person(1), "203.0.113.7"),
            _h.PasswordFailure(TimeSpan.FromMinutes(88), EventSource.LoginGov, AlertEngineHarness.Person(2), "203.0.113.7"));
        await _h.EvaluateAsync(stuffing);
        var before = await _h.CountersAsync(AlertRuleIds.CredentialStuffing);

        var run = await Schedule().RunAsync([stuffing], LoginGovOnly, CancellationToken.None);

        Assert.Equal(2, run.CountersPruned);
        Assert.Equal(before - 2, await _h.CountersAsync(AlertRuleIds.CredentialStuffing));
    }
}
