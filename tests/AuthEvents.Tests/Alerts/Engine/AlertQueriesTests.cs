using AuthEvents.Core.Alerts;
using AuthEvents.Core.Alerts.Rules;
using AuthEvents.Core.Events;
using AuthEvents.Store.Alerts;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Alerts.Engine;

/// <summary>The reads behind the /alerts page, the API, the overview tile and the hub, over alerts the engine raised.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class AlertQueriesTests : IDisposable
{
    private readonly AlertEngineHarness _h = new();
    private readonly CredentialStuffingRule _stuffing = new(new CredentialStuffingSettings());
    private readonly MfaFatigueRule _fatigue = new(new MfaFatigueSettings());

    public void Dispose() => _h.Dispose();

    private AlertQueries Queries => new(_h.Database.Contexts);

    /// <summary>Stuffing from two addresses an hour apart, and one person's push fatigue.</summary>
    private async Task RaiseThreeAsync()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_stuffing, _fatigue);
        await _h.CommitAsync([.. Enumerable.Range(0, 20).Select(i => _h.PasswordFailure(TimeSpan.FromSeconds(i * 10), EventSource.LoginGov, AlertEngineHarness.Person(i), "203.0.113.7"))]);
        await _h.CommitAsync([.. Enumerable.Range(0, 20).Select(i => _h.PasswordFailure(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(i * 10), EventSource.FusionAuth, AlertEngineHarness.Person(i), "198.51.100.9"))]);
        await _h.CommitAsync([.. Enumerable.Range(0, 9).Select(i => _h.Event(TimeSpan.FromMinutes(30 + i), EventSource.OnePassword, "mfa_failed", AlertEngineHarness.Person(500), "192.0.2.5",
            reason: new FailureReason("type", "duo_timeout", CanonicalReasons.MfaTimeout), authenticator: "duo"))]);
        await _h.EvaluateAsync(_stuffing, _fatigue);
    }

    [Fact]
    public async Task Page_Filters_SelectByRuleSeverityStatusAndLastSeen()
    {
        await RaiseThreeAsync();
        var all = await Queries.PageAsync(AlertFilter.All, 0, 50, CancellationToken.None);
        Assert.Equal(3, all.Total);
        // Newest last seen first: the second address, then the person, then the first address.
        Assert.Equal(["198.51.100.9", AlertEngineHarness.Person(500), "203.0.113.7"], all.Rows.Select(r => r.Key));

        var stuffing = await Queries.PageAsync(new AlertFilter { Rules = new HashSet<string> { AlertRuleIds.CredentialStuffing } }, 0, 50, CancellationToken.None);
        Assert.Equal(2, stuffing.Total);
        var high = await Queries.PageAsync(new AlertFilter { Severities = new HashSet<AlertSeverity> { AlertSeverity.High }, From = AlertEngineHarness.Start + TimeSpan.FromMinutes(40) }, 0, 50, CancellationToken.None);
        Assert.Equal(["198.51.100.9"], high.Rows.Select(r => r.Key));
        await _h.SetStatusAsync(all.Rows[0].Id, AlertStatus.Resolved);
        var open = await Queries.PageAsync(new AlertFilter { Statuses = new HashSet<AlertStatus> { AlertStatus.Open }, Assignee = AlertFilter.Unassigned }, 0, 1, CancellationToken.None);
        Assert.Equal((2, AlertEngineHarness.Person(500)), (open.Total, Assert.Single(open.Rows).Key));
    }

    [Fact]
    public async Task Get_Alert_HasItsHistoryAndEvidenceAsEventRows()
    {
        await RaiseThreeAsync();
        var id = (await Queries.PageAsync(new AlertFilter { Rules = new HashSet<string> { AlertRuleIds.MfaFatigue } }, 0, 1, CancellationToken.None)).Rows[0].Id;

        var detail = await Queries.GetAsync(id, CancellationToken.None);

        Assert.NotNull(detail);
        Assert.Equal(AlertChange.Opened, Assert.Single(detail.History).Change);
        Assert.Equal(9, detail.Evidence.Count);
        Assert.All(detail.Evidence, e => Assert.Equal(("mfa_failed", EventSource.OnePassword), (e.Event.EventType, e.Event.Source)));
        Assert.Equal(detail.Evidence.Select(e => e.Event.OccurredAt).Order(), detail.Evidence.Select(e => e.Event.OccurredAt));
        Assert.Null(await Queries.GetAsync(id + 1000, CancellationToken.None));
    }

    [Fact]
    public async Task Tile_AndChanges_CountOpenAlertsAndFollowTheSequence()
    {
        await RaiseThreeAsync();

        Assert.Equal(new Dictionary<AlertSeverity, int> { [AlertSeverity.High] = 3 }, await Queries.OpenBySeverityAsync(CancellationToken.None));
        var latest = await Queries.LatestSeqAsync(CancellationToken.None);
        Assert.Equal(3, (await Queries.ChangedSinceAsync(0, 10, CancellationToken.None)).Count);
        Assert.Empty(await Queries.ChangedSinceAsync(latest, 10, CancellationToken.None));

        await _h.CommitAsync(_h.PasswordFailure(TimeSpan.FromHours(2), EventSource.Entrust, AlertEngineHarness.Person(99), "203.0.113.7"));
        await _h.EvaluateAsync(_stuffing, _fatigue);

        var changed = Assert.Single(await Queries.ChangedSinceAsync(latest, 10, CancellationToken.None));
        Assert.Equal(("203.0.113.7", 21L), (changed.Key, changed.Count));
    }
}
