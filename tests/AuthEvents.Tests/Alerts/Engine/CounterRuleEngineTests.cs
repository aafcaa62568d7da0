using AuthEvents.Core.Alerts;
using AuthEvents.Core.Alerts.Rules;
using AuthEvents.Core.Events;
using AuthEvents.Store.Alerts;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Alerts.Engine;

/// <summary>
/// The IP-keyed rules through the store: events committed like the pipeline does, evaluated from the cursors with the
/// windows kept in <c>alert_counters</c>, alerts written once per rule and key. Runs on SQLite here and on PostgreSQL in
/// AuthEvents.Tests.PostgreSql.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class CounterRuleEngineTests : IDisposable
{
    private const string Attacker = "203.0.113.7";
    private readonly AlertEngineHarness _h = new();
    private readonly CredentialStuffingRule _stuffing = new(new CredentialStuffingSettings());

    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Stuffing_TwentyPeopleFailFromOneAddressInTwoCommits_OpensOneAlertWithEveryEvent()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_stuffing);
        await _h.CommitAsync([.. Enumerable.Range(0, 12).Select(i => _h.PasswordFailure(Seconds(i * 20), EventSource.LoginGov, AlertEngineHarness.Person(i), Attacker))]);
        var first = await _h.EvaluateAsync(_stuffing);
        Assert.Equal(12, first.Read);
        Assert.Empty(await _h.AlertsAsync());

        await _h.CommitAsync([.. Enumerable.Range(12, 8).Select(i => _h.PasswordFailure(Seconds(i * 20), EventSource.LoginGov, AlertEngineHarness.Person(i), Attacker))]);
        var second = await _h.EvaluateAsync(_stuffing);

        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal(1, second.Opened);
        Assert.Equal([alert.Id], second.Changed);
        Assert.Equal((AlertRuleIds.CredentialStuffing, Attacker, AlertKeyKind.Ip, AlertStatus.Open, AlertSeverity.High),
            (alert.RuleId, alert.AlertKey, alert.KeyKind, alert.Status, alert.Severity));
        // The earlier commit's twelve were counted by the first run; the window read brings them in as evidence.
        Assert.Equal(20, alert.Count);
        Assert.Equal(20, alert.EvidenceKept);
        Assert.Equal(20, (await _h.EvidenceAsync(alert.Id)).Count);
        Assert.Equal((AlertEngineHarness.Start.UtcTicks, (AlertEngineHarness.Start + Seconds(19 * 20)).UtcTicks), (alert.FirstSeenTicks, alert.LastSeenTicks));
        Assert.Contains("20 people failed the password step from 203.0.113.7", alert.Summary, StringComparison.Ordinal);
        Assert.Contains("\"people\":20", alert.FiguresJson, StringComparison.Ordinal);
        Assert.Equal(RuleFingerprint.Of(_stuffing), alert.RuleFingerprint);
        var history = Assert.Single(await _h.HistoryAsync(alert.Id));
        Assert.Equal((AlertChange.Opened, AlertStatus.Open, AlertWriter.SystemActor), (history.Change, history.ToStatus, history.ActorSubject));
    }

    [Fact]
    public async Task Stuffing_SameVolumeFromTwentyAddresses_OpensNothing()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_stuffing);
        await _h.CommitAsync([.. Enumerable.Range(0, 40).Select(i => _h.PasswordFailure(Seconds(i * 10), EventSource.LoginGov, AlertEngineHarness.Person(i), $"198.51.100.{i % 20}"))]);

        var run = await _h.EvaluateAsync(_stuffing);

        Assert.Equal(40, run.Read);
        Assert.Empty(await _h.AlertsAsync());
    }

    [Fact]
    public async Task Stuffing_FewPeopleFailingOftenFromOneAddress_OpensNothing()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_stuffing);
        // The same twenty failures from one address, by three people mistyping: not stuffing.
        await _h.CommitAsync([.. Enumerable.Range(0, 20).Select(i => _h.PasswordFailure(Seconds(i * 20), EventSource.LoginGov, AlertEngineHarness.Person(i % 3), Attacker))]);

        await _h.EvaluateAsync(_stuffing);

        Assert.Empty(await _h.AlertsAsync());
    }

    [Fact]
    public async Task Stuffing_SpreadOverTwoProviders_CountsThePeopleOfBoth()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_stuffing);
        await _h.CommitAsync([
            .. Enumerable.Range(0, 10).Select(i => _h.PasswordFailure(Seconds(i * 20), EventSource.LoginGov, AlertEngineHarness.Person(i), Attacker)),
            .. Enumerable.Range(10, 10).Select(i => _h.PasswordFailure(Seconds(i * 20), EventSource.FusionAuth, AlertEngineHarness.Person(i), Attacker)),
        ]);

        await _h.EvaluateAsync(_stuffing);

        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal(20, alert.Count);
        Assert.Contains("LoginGov", alert.FiguresJson, StringComparison.Ordinal);
        Assert.Contains("FusionAuth", alert.FiguresJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stuffing_OneProviderAloneBelowTheThreshold_OpensNothing()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_stuffing);
        // Ten people at Login.gov and ten at FusionAuth, each from its own address: neither reaches twenty.
        await _h.CommitAsync([
            .. Enumerable.Range(0, 10).Select(i => _h.PasswordFailure(Seconds(i * 20), EventSource.LoginGov, AlertEngineHarness.Person(i), Attacker)),
            .. Enumerable.Range(10, 10).Select(i => _h.PasswordFailure(Seconds(i * 20), EventSource.FusionAuth, AlertEngineHarness.Person(i), "203.0.113.8")),
        ]);

        await _h.EvaluateAsync(_stuffing);

        Assert.Empty(await _h.AlertsAsync());
    }

    [Fact]
    public async Task Stuffing_MoreEvidenceLater_UpdatesTheOpenAlertWithoutAnotherHistoryRow()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_stuffing);
        await _h.CommitAsync([.. Enumerable.Range(0, 20).Select(i => _h.PasswordFailure(Seconds(i * 20), EventSource.LoginGov, AlertEngineHarness.Person(i), Attacker))]);
        await _h.EvaluateAsync(_stuffing);
        var opened = Assert.Single(await _h.AlertsAsync());

        // An hour later the attacker comes back slowly: two failures, far below the threshold, still join the alert.
        await _h.CommitAsync(
            _h.PasswordFailure(TimeSpan.FromHours(1), EventSource.Entrust, AlertEngineHarness.Person(50), Attacker),
            _h.PasswordFailure(TimeSpan.FromHours(1.1), EventSource.OnePassword, AlertEngineHarness.Person(51), Attacker));
        var run = await _h.EvaluateAsync(_stuffing);

        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal(opened.Id, alert.Id);
        Assert.Equal(0, run.Opened);
        Assert.Equal([alert.Id], run.Changed);
        Assert.Equal(22, alert.Count);
        Assert.Equal((AlertEngineHarness.Start + TimeSpan.FromHours(1.1)).UtcTicks, alert.LastSeenTicks);
        Assert.True(alert.ChangeSeq > opened.ChangeSeq);
        Assert.Single(await _h.HistoryAsync(alert.Id));
    }

    [Fact]
    public async Task Evaluate_AgainWithNothingNew_ChangesNothing()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_stuffing);
        await _h.CommitAsync([.. Enumerable.Range(0, 25).Select(i => _h.PasswordFailure(Seconds(i * 10), EventSource.LoginGov, AlertEngineHarness.Person(i), Attacker))]);
        await _h.EvaluateAsync(_stuffing);

        var again = await _h.EvaluateAsync(_stuffing);

        Assert.Equal(0, again.Read);
        Assert.Equal(25, Assert.Single(await _h.AlertsAsync()).Count);
    }

    [Fact]
    public async Task Restart_EventsStoredWhileDown_AreEvaluatedOnceFromTheCursor()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_stuffing);
        await _h.CommitAsync([.. Enumerable.Range(0, 10).Select(i => _h.PasswordFailure(Seconds(i * 20), EventSource.LoginGov, AlertEngineHarness.Person(i), Attacker))]);
        await _h.EvaluateAsync(_stuffing);
        // Down: the next ten are stored by the pipeline while no evaluator runs.
        await _h.CommitAsync([.. Enumerable.Range(10, 10).Select(i => _h.PasswordFailure(Seconds(i * 20), EventSource.LoginGov, AlertEngineHarness.Person(i), Attacker))]);

        // A new process: a new engine and the same settings, so the rule continues from its cursor.
        var restarted = new AlertEngine(_h.Database.Contexts, _h.Gate, _h.Clock, new AlertWriterOptions());
        Assert.Empty(await restarted.PrepareAsync([_stuffing], [], "node-a", CancellationToken.None));
        var run = await restarted.EvaluateAsync([_stuffing], CancellationToken.None);

        Assert.Equal(10, run.Read);
        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal(20, alert.Count);
        Assert.Equal(20, (await _h.EvidenceAsync(alert.Id)).Count);
    }

    [Fact]
    public async Task Prepare_ChangedSettings_StartsLiveFromTheNewestEventWithEmptyCounters()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_stuffing);
        await _h.CommitAsync([.. Enumerable.Range(0, 15).Select(i => _h.PasswordFailure(Seconds(i * 20), EventSource.LoginGov, AlertEngineHarness.Person(i), Attacker))]);
        await _h.EvaluateAsync(_stuffing);
        Assert.True(await _h.CountersAsync(AlertRuleIds.CredentialStuffing) > 0);

        var stricter = new CredentialStuffingRule(new CredentialStuffingSettings { Threshold = 10 });
        Assert.Equal([AlertRuleIds.CredentialStuffing], await _h.PrepareAsync(stricter));

        var row = Assert.Single(await _h.RulesAsync());
        Assert.Equal((AlertRuleMode.Live, RuleFingerprint.Of(stricter), await _h.NewestEventIdAsync()), (row.Mode, row.Fingerprint, row.CursorEventId));
        Assert.Equal(0, await _h.CountersAsync(AlertRuleIds.CredentialStuffing));
        // A node still on the old settings leaves the rule alone.
        Assert.Equal(0, (await _h.EvaluateAsync(_stuffing)).Read);
    }

    [Fact]
    public async Task Prepare_DisabledRule_IsMarkedAndItsCountersDeleted()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_stuffing);
        await _h.CommitAsync(_h.PasswordFailure(Seconds(1), EventSource.LoginGov, AlertEngineHarness.Person(1), Attacker));
        await _h.EvaluateAsync(_stuffing);

        await _h.Engine.PrepareAsync([], [AlertRuleIds.CredentialStuffing], "node-a", CancellationToken.None);

        Assert.Equal(AlertRuleMode.Disabled, Assert.Single(await _h.RulesAsync()).Mode);
        Assert.Equal(0, await _h.CountersAsync(AlertRuleIds.CredentialStuffing));
    }

    [Fact]
    public async Task Stuffing_KeyMarkedFalsePositive_TakesNewEvidenceSilently()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_stuffing);
        await _h.CommitAsync([.. Enumerable.Range(0, 20).Select(i => _h.PasswordFailure(Seconds(i * 20), EventSource.LoginGov, AlertEngineHarness.Person(i), Attacker))]);
        await _h.EvaluateAsync(_stuffing);
        var cleared = Assert.Single(await _h.AlertsAsync());
        await _h.SetStatusAsync(cleared.Id, AlertStatus.FalsePositive);

        await _h.CommitAsync([.. Enumerable.Range(100, 20).Select(i => _h.PasswordFailure(TimeSpan.FromHours(2) + Seconds(i), EventSource.LoginGov, AlertEngineHarness.Person(i), Attacker))]);
        var run = await _h.EvaluateAsync(_stuffing);

        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal((cleared.Id, AlertStatus.FalsePositive, 40L), (alert.Id, alert.Status, alert.Count));
        Assert.Equal(0, run.Opened);
        Assert.Single(await _h.HistoryAsync(alert.Id));
    }

    [Fact]
    public async Task Stuffing_GroupedBySubnet_CollectsTheWindowFromEveryAddressOfIt()
    {
        await _h.MigrateAsync();
        var bySubnet = new CredentialStuffingRule(new CredentialStuffingSettings { GroupBySubnet = true });
        await _h.PrepareAsync(bySubnet);
        await _h.CommitAsync([.. Enumerable.Range(0, 19).Select(i => _h.PasswordFailure(Seconds(i * 20), EventSource.LoginGov, AlertEngineHarness.Person(i), $"203.0.113.{i + 1}"))]);
        await _h.EvaluateAsync(bySubnet);
        await _h.CommitAsync(_h.PasswordFailure(Seconds(400), EventSource.FusionAuth, AlertEngineHarness.Person(19), "203.0.113.200"));
        await _h.EvaluateAsync(bySubnet);

        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal(("203.0.113.0/24", AlertKeyKind.Subnet, 20L), (alert.AlertKey, alert.KeyKind, alert.Count));
        Assert.Equal(20, (await _h.EvidenceAsync(alert.Id)).Count);
    }

    [Fact]
    public async Task Evidence_PastTheCap_IsCountedButNotLinked()
    {
        using var capped = new AlertEngineHarness(new AlertWriterOptions { EvidencePerAlert = 5 });
        await capped.MigrateAsync();
        await capped.PrepareAsync(_stuffing);
        await capped.CommitAsync([.. Enumerable.Range(0, 24).Select(i => capped.PasswordFailure(Seconds(i * 20), EventSource.LoginGov, AlertEngineHarness.Person(i), Attacker))]);

        await capped.EvaluateAsync(_stuffing);

        var alert = Assert.Single(await capped.AlertsAsync());
        Assert.Equal((24L, 5), (alert.Count, alert.EvidenceKept));
        Assert.Equal(5, (await capped.EvidenceAsync(alert.Id)).Count);
    }

    [Fact]
    public async Task Spray_ManyPeopleOneAttemptEach_OpensUnlessStuffingIsOpenForTheAddress()
    {
        await _h.MigrateAsync();
        var spray = new PasswordSprayRule(new PasswordSpraySettings());
        await _h.PrepareAsync(_stuffing, spray);
        // Twelve people once each from one address over 40 minutes: spray (10 in an hour), not stuffing (20 in 10 min).
        await _h.CommitAsync([.. Enumerable.Range(0, 12).Select(i => _h.PasswordFailure(TimeSpan.FromMinutes(i * 3.5), EventSource.OnePassword, AlertEngineHarness.Person(i), Attacker))]);
        // From another address, stuffing: twenty people within two minutes, which also meets spray.
        await _h.CommitAsync([.. Enumerable.Range(20, 20).Select(i => _h.PasswordFailure(Seconds(i * 5), EventSource.LoginGov, AlertEngineHarness.Person(i), "198.51.100.9"))]);

        await _h.EvaluateAsync(_stuffing, spray);

        var alerts = (await _h.AlertsAsync()).Select(a => (a.RuleId, a.AlertKey)).Order().ToList();
        Assert.Equal([(AlertRuleIds.CredentialStuffing, "198.51.100.9"), (AlertRuleIds.PasswordSpray, Attacker)], alerts);
    }

    [Fact]
    public async Task SmsPumping_CodesToManyNumbersFromOneAddress_OpensAndTheSameVolumeToOneNumberDoesNot()
    {
        await _h.MigrateAsync();
        var pumping = new SmsPumpingRule(new SmsPumpingSettings());
        await _h.PrepareAsync(pumping);
        await _h.CommitAsync([
            .. Enumerable.Range(0, 12).Select(i => _h.CodeSent(Seconds(i * 30), AlertEngineHarness.Person(i), Attacker, $"phone-hash-{i}")),
            // The benign one: a person asking for a code again and again on their one phone.
            .. Enumerable.Range(0, 12).Select(i => _h.CodeSent(Seconds(i * 30), AlertEngineHarness.Person(99), "198.51.100.20", "phone-hash-own")),
        ]);

        await _h.EvaluateAsync(pumping);

        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal((AlertRuleIds.SmsPumping, Attacker, 12L), (alert.RuleId, alert.AlertKey, alert.Count));
    }
}
