using System.Security.Cryptography;
using AuthEvents.Core.Alerts;
using AuthEvents.Core.Alerts.Rules;
using AuthEvents.Core.Events;
using AuthEvents.Store;
using AuthEvents.Store.Alerts;
using AuthEvents.Store.Audit;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Tests.Alerts.Engine;

/// <summary>
/// Analysts' changes of an alert raised by the engine: allowed status paths only, the optimistic version, the reopen rule,
/// and each change written with its history row, the next change sequence and its audit row in one transaction. Runs on
/// SQLite here and on PostgreSQL in AuthEvents.Tests.PostgreSql.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class AlertTriageTests : IDisposable
{
    private const string Attacker = "203.0.113.7";
    private static readonly AlertActor Ada = new("ada-sub", "Ada Analyst", "Analyst", "192.0.2.1", "test");
    private static readonly AlertActor Bob = new("bob-sub", "Bob Builder", "Admin", "192.0.2.2", "test");
    private readonly AlertEngineHarness _h = new();
    private readonly CredentialStuffingRule _stuffing = new(new CredentialStuffingSettings());
    private readonly AuditStore _audit;
    private readonly AlertStore _alerts;

    public AlertTriageTests()
    {
        _audit = new AuditStore(_h.Database.Contexts, _h.Gate, AuditChain.FromPayloadKey(RandomNumberGenerator.GetBytes(32)), _h.Clock);
        _alerts = new AlertStore(_h.Database.Contexts, _h.Gate, _audit, _h.Clock);
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Acknowledge_OpenAlert_BumpsVersionAndWritesHistoryAndAuditTogether()
    {
        var raised = await RaiseAsync();
        _h.Clock.Advance(TimeSpan.FromMinutes(3));
        var now = _h.Clock.GetUtcNow().UtcTicks;

        var result = await ChangeAsync(raised, AlertTriage.Acknowledge, Ada);

        Assert.Equal(AlertTriageOutcome.Changed, result.Outcome);
        var (alert, history) = await DetailAsync(raised.Id);
        Assert.Equal((AlertStatus.Acknowledged, 1, now, now), (alert.Status, alert.Version, alert.StatusChangedAtTicks, alert.UpdatedAtTicks));
        Assert.Equal(raised.OpenedAtTicks, alert.OpenedAtTicks);
        Assert.True(alert.ChangeSeq > raised.ChangeSeq);
        Assert.Equal((alert.Status, alert.Version, alert.ChangeSeq), (result.Alert!.Status, result.Alert.Version, result.Alert.ChangeSeq));
        Assert.Equal(2, history.Count);
        var row = history[1];
        Assert.Equal((AlertChange.Acknowledged, AlertStatus.Open, AlertStatus.Acknowledged, "ada-sub", "Ada Analyst", now, (string?)null),
            (row.Change, row.FromStatus, row.ToStatus, row.ActorSubject, row.ActorName, row.AtTicks, row.Text));
        var audit = Assert.Single(await AuditAsync());
        Assert.Equal(("ada-sub", "Ada Analyst", "Analyst", AuditActions.AlertStatusChanged, $"alert:{raised.Id}", "192.0.2.1", now),
            (audit.Subject, audit.UserName, audit.Roles, audit.Action, audit.Target, audit.ClientIp, audit.AtTicks));
        Assert.Equal($"open→acknowledged; rule={AlertRuleIds.CredentialStuffing}; key={Attacker}", audit.Detail);
        Assert.True((await _audit.VerifyAsync(CancellationToken.None)).Intact);
    }

    [Theory]
    [InlineData("acknowledge resolve", AlertStatus.Resolved)]
    [InlineData("acknowledge false-positive", AlertStatus.FalsePositive)]
    [InlineData("resolve", AlertStatus.Resolved)]
    [InlineData("false-positive", AlertStatus.FalsePositive)]
    [InlineData("resolve reopen", AlertStatus.Open)]
    [InlineData("false-positive reopen acknowledge resolve", AlertStatus.Resolved)]
    public async Task Status_AllowedPath_EachStepWritesItsHistoryAndAuditRow(string path, AlertStatus final)
    {
        var raised = await RaiseAsync();
        var steps = path.Split(' ');
        var expected = new List<string>();
        var status = AlertStatus.Open;
        for (var i = 0; i < steps.Length; i++)
        {
            var change = Triage(steps[i]);
            var result = await _alerts.ChangeAsync(raised.Id, i, change, Ada, CancellationToken.None);
            Assert.Equal(AlertTriageOutcome.Changed, result.Outcome);
            expected.Add($"{AlertStore.StatusName(status)}→{AlertStore.StatusName(change.ToStatus!.Value)}");
            status = change.ToStatus.Value;
        }

        var (alert, history) = await DetailAsync(raised.Id);
        Assert.Equal((final, steps.Length), (alert.Status, alert.Version));
        Assert.Equal(expected, history.Skip(1).Select(h => $"{AlertStore.StatusName(h.FromStatus!.Value)}→{AlertStore.StatusName(h.ToStatus!.Value)}"));
        Assert.Equal(steps.Select(s => Triage(s).Change), history.Skip(1).Select(h => h.Change));
        var audit = await AuditAsync();
        Assert.Equal(expected, audit.Select(a => a.Detail.Split(';')[0]));
        Assert.All(audit, a => Assert.Equal(AuditActions.AlertStatusChanged, a.Action));
        Assert.Equal(new AuditVerification(true, steps.Length, null, null), await _audit.VerifyAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("", "reopen")]
    [InlineData("acknowledge", "acknowledge")]
    [InlineData("acknowledge", "reopen")]
    [InlineData("resolve", "acknowledge")]
    [InlineData("resolve", "resolve")]
    [InlineData("resolve", "false-positive")]
    [InlineData("false-positive", "resolve")]
    [InlineData("false-positive", "acknowledge")]
    public async Task Status_PathNotAllowed_RefusedWithNothingWritten(string before, string refused)
    {
        var raised = await RaiseAsync();
        var version = 0;
        foreach (var step in before.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.True((await _alerts.ChangeAsync(raised.Id, version++, Triage(step), Ada, CancellationToken.None)).Changed);
        }

        var (alert, history) = await DetailAsync(raised.Id);
        var seq = await SeqAsync();

        var result = await _alerts.ChangeAsync(raised.Id, version, Triage(refused), Bob, CancellationToken.None);

        Assert.Equal(AlertTriageOutcome.NotAllowed, result.Outcome);
        Assert.Contains("cannot be made", result.Message, StringComparison.Ordinal);
        await AssertUnchangedAsync(alert, history.Count, seq, version);
    }

    [Fact]
    public async Task Change_StaleVersion_RefusedWithNothingWritten()
    {
        var raised = await RaiseAsync();
        Assert.True((await ChangeAsync(raised, AlertTriage.Acknowledge, Bob)).Changed);
        var (alert, history) = await DetailAsync(raised.Id);
        var seq = await SeqAsync();

        // Ada still sees version 0, from before Bob acknowledged it.
        var result = await _alerts.ChangeAsync(raised.Id, 0, AlertTriage.Resolve, Ada, CancellationToken.None);

        Assert.Equal(AlertTriageOutcome.Stale, result.Outcome);
        Assert.Contains("meanwhile", result.Message, StringComparison.Ordinal);
        Assert.Equal((AlertStatus.Acknowledged, 1), (result.Alert!.Status, result.Alert.Version));
        await AssertUnchangedAsync(alert, history.Count, seq, 1);
    }

    [Fact]
    public async Task Change_NoSuchAlert_NotFound()
    {
        await _h.MigrateAsync();

        var result = await _alerts.ChangeAsync(42, 0, AlertTriage.Acknowledge, Ada, CancellationToken.None);

        Assert.Equal((AlertTriageOutcome.NotFound, (AlertRecord?)null), (result.Outcome, result.Alert));
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task Reopen_WhileAnotherAlertOfTheKeyIsOpen_RefusedUntilThatOneIsResolved()
    {
        var first = await RaiseAsync();
        Assert.True((await ChangeAsync(first, AlertTriage.Resolve, Ada)).Changed);
        // The same address attacks again later: the rule opens a second alert for it.
        await _h.CommitAsync([.. Enumerable.Range(100, 20).Select(i => _h.PasswordFailure(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(i), EventSource.LoginGov, AlertEngineHarness.Person(i), Attacker))]);
        await _h.EvaluateAsync(_stuffing);
        var second = (await _h.AlertsAsync()).Single(a => a.Id != first.Id);
        Assert.Equal((AlertStatus.Open, Attacker), (second.Status, second.AlertKey));
        var (resolved, history) = await DetailAsync(first.Id);
        var seq = await SeqAsync();

        var blocked = await _alerts.ChangeAsync(first.Id, 1, AlertTriage.Reopen, Ada, CancellationToken.None);

        Assert.Equal(AlertTriageOutcome.ReopenBlocked, blocked.Outcome);
        Assert.Contains($"#{second.Id}", blocked.Message, StringComparison.Ordinal);
        await AssertUnchangedAsync(resolved, history.Count, seq, 1);

        Assert.True((await ChangeAsync(second, AlertTriage.Acknowledge, Bob)).Changed);
        Assert.Equal(AlertTriageOutcome.ReopenBlocked, (await _alerts.ChangeAsync(first.Id, 1, AlertTriage.Reopen, Ada, CancellationToken.None)).Outcome);
        Assert.True((await _alerts.ChangeAsync(second.Id, 1, AlertTriage.MarkFalsePositive, Bob, CancellationToken.None)).Changed);

        var reopened = await _alerts.ChangeAsync(first.Id, 1, AlertTriage.Reopen, Ada, CancellationToken.None);

        Assert.Equal(AlertTriageOutcome.Changed, reopened.Outcome);
        Assert.Equal([AlertStatus.Open, AlertStatus.FalsePositive], (await _h.AlertsAsync()).Select(a => a.Status));
        Assert.True((await _audit.VerifyAsync(CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task Note_AtTheLimit_KeptInTheHistoryAndAuditedByItsLengthOnly()
    {
        var raised = await RaiseAsync();
        var text = "Blocked at the edge; <b>not</b> markup. " + new string('x', AlertTriage.NoteLength - 40);
        Assert.Equal(AlertTriage.NoteLength, text.Length);

        var result = await ChangeAsync(raised, AlertTriage.AddNote(text), Ada);

        Assert.True(result.Changed);
        var (alert, history) = await DetailAsync(raised.Id);
        Assert.Equal((AlertStatus.Open, 1, raised.StatusChangedAtTicks), (alert.Status, alert.Version, alert.StatusChangedAtTicks));
        var row = history[^1];
        Assert.Equal((AlertChange.Note, (AlertStatus?)null, (AlertStatus?)null, text), (row.Change, row.FromStatus, row.ToStatus, row.Text));
        var audit = Assert.Single(await AuditAsync());
        Assert.Equal((AuditActions.AlertNote, $"length=2000; rule={AlertRuleIds.CredentialStuffing}; key={Attacker}"), (audit.Action, audit.Detail));
    }

    [Theory]
    [InlineData(AlertTriage.NoteLength + 1)]
    [InlineData(0)]
    public async Task Note_TooLongOrBlank_RefusedWithNothingWritten(int length)
    {
        var raised = await RaiseAsync();
        var (alert, history) = await DetailAsync(raised.Id);
        var seq = await SeqAsync();

        var result = await ChangeAsync(raised, AlertTriage.AddNote(new string(length == 0 ? ' ' : 'x', Math.Max(length, 3))), Ada);

        Assert.Equal(AlertTriageOutcome.Invalid, result.Outcome);
        Assert.Contains(length == 0 ? "needs some text" : "at most 2,000 characters", result.Message, StringComparison.Ordinal);
        await AssertUnchangedAsync(alert, history.Count, seq, 0);
    }

    [Fact]
    public async Task Assign_ToAUserThenToNobody_EachRecordedAndAudited()
    {
        var raised = await RaiseAsync();

        Assert.True((await _alerts.ChangeAsync(raised.Id, 0, AlertTriage.AssignTo("bob-sub", "Bob Builder"), Ada, CancellationToken.None)).Changed);
        var again = await _alerts.ChangeAsync(raised.Id, 1, AlertTriage.AssignTo("bob-sub", "Bob B."), Ada, CancellationToken.None);
        var assigned = (await DetailAsync(raised.Id)).Alert;
        Assert.True((await _alerts.ChangeAsync(raised.Id, 1, AlertTriage.Unassign, Bob, CancellationToken.None)).Changed);

        Assert.Equal(AlertTriageOutcome.NotAllowed, again.Outcome);
        Assert.Equal(("bob-sub", "Bob Builder", AlertStatus.Open), (assigned.AssigneeSubject, assigned.AssigneeName, assigned.Status));
        var (alert, history) = await DetailAsync(raised.Id);
        Assert.Equal(((string?)null, (string?)null, 2), (alert.AssigneeSubject, alert.AssigneeName, alert.Version));
        Assert.Equal([(AlertChange.Assigned, "ada-sub", "Bob Builder"), (AlertChange.Assigned, "bob-sub", null)],
            history.Skip(1).Select(h => (h.Change, h.ActorSubject, h.Text)));
        var about = $"; rule={AlertRuleIds.CredentialStuffing}; key={Attacker}";
        Assert.Equal([(AuditActions.AlertAssigned, "nobody→bob-sub (Bob Builder)" + about), (AuditActions.AlertAssigned, "bob-sub (Bob Builder)→nobody" + about)],
            (await AuditAsync()).Select(a => (a.Action, a.Detail)));
    }

    [Fact]
    public async Task Change_AuditAppendFails_AlertUnchangedAndTheNextChangeWorks()
    {
        var raised = await RaiseAsync();
        var (alert, history) = await DetailAsync(raised.Id);
        var seq = await SeqAsync();
        // The database refuses the audit row, after the alert's own update and history row were written in the transaction.
        await ExecuteAsync(_h.Database.Provider == StoreProvider.PostgreSql
            ? "CREATE TRIGGER audit_refuse_insert BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();"
            : "CREATE TRIGGER audit_refuse_insert BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => ChangeAsync(raised, AlertTriage.Acknowledge, Ada));

        Assert.Contains("append-only", failure.ToString(), StringComparison.Ordinal);
        await AssertUnchangedAsync(alert, history.Count, seq, 0);

        await ExecuteAsync(_h.Database.Provider == StoreProvider.PostgreSql ? "DROP TRIGGER audit_refuse_insert ON audit;" : "DROP TRIGGER audit_refuse_insert;");
        Assert.True((await ChangeAsync(raised, AlertTriage.Acknowledge, Ada)).Changed);
        Assert.Equal(AlertStatus.Acknowledged, (await DetailAsync(raised.Id)).Alert.Status);
        Assert.Equal(new AuditVerification(true, 1, null, null), await _audit.VerifyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ChangeSeq_EachChange_TakesTheNextValueOfTheSequence()
    {
        var raised = await RaiseAsync();
        var seqs = new List<long> { await SeqAsync() };
        Assert.Equal(seqs[0], raised.ChangeSeq);

        var version = 0;
        foreach (var change in new[] { AlertTriage.Acknowledge, AlertTriage.AddNote("looking"), AlertTriage.AssignTo("ada-sub", "Ada Analyst"), AlertTriage.Resolve })
        {
            var result = await _alerts.ChangeAsync(raised.Id, version++, change, Ada, CancellationToken.None);
            Assert.Equal(await SeqAsync(), result.Alert!.ChangeSeq);
            Assert.Equal(result.Alert.ChangeSeq, (await DetailAsync(raised.Id)).Alert.ChangeSeq);
            seqs.Add(result.Alert.ChangeSeq);
        }

        Assert.Equal(Enumerable.Range(0, 5).Select(i => seqs[0] + i), seqs);
    }

    private static AlertTriage Triage(string step) => step switch
    {
        "acknowledge" => AlertTriage.Acknowledge,
        "resolve" => AlertTriage.Resolve,
        "false-positive" => AlertTriage.MarkFalsePositive,
        "reopen" => AlertTriage.Reopen,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    /// <summary>Twenty people failing the password step from one address: one open credential-stuffing alert.</summary>
    private async Task<AlertRecord> RaiseAsync()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_stuffing);
        await _h.CommitAsync([.. Enumerable.Range(0, 20).Select(i => _h.PasswordFailure(TimeSpan.FromSeconds(i * 20), EventSource.LoginGov, AlertEngineHarness.Person(i), Attacker))]);
        await _h.EvaluateAsync(_stuffing);
        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal((AlertStatus.Open, 0), (alert.Status, alert.Version));
        return alert;
    }

    private Task<AlertTriageResult> ChangeAsync(AlertRecord alert, AlertTriage change, AlertActor actor) =>
        _alerts.ChangeAsync(alert.Id, alert.Version, change, actor, CancellationToken.None);

    private async Task<(AlertRecord Alert, IReadOnlyList<AlertHistoryRecord> History)> DetailAsync(long id)
    {
        var detail = await _alerts.GetAsync(id, CancellationToken.None);
        Assert.NotNull(detail);
        return (detail.Alert, detail.History);
    }

    private async Task<List<AuthEvents.Store.Entities.AuditRecord>> AuditAsync()
    {
        var rows = new List<AuthEvents.Store.Entities.AuditRecord>();
        await foreach (var row in _audit.StreamAsync(new AuditQuery(), CancellationToken.None))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<long> SeqAsync()
    {
        await using var db = await _h.Database.Contexts.CreateDbContextAsync();
        var value = await db.Set<AlertStateRecord>().Where(s => s.Key == AlertChangeSequence.Key).Select(s => s.Value).SingleAsync();
        return long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The alert, its history, the sequence and the audit trail are as they were before a refused change.</summary>
    private async Task AssertUnchangedAsync(AlertRecord before, int historyRows, long seq, int auditRows)
    {
        var (alert, history) = await DetailAsync(before.Id);
        Assert.Equivalent(before, alert, strict: true);
        Assert.Equal(historyRows, history.Count);
        Assert.Equal(seq, await SeqAsync());
        Assert.Equal(auditRows, (await AuditAsync()).Count);
        Assert.True((await _audit.VerifyAsync(CancellationToken.None)).Intact);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = _h.Database.OpenConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
