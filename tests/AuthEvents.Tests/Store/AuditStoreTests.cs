using System.Security.Cryptography;
using AuthEvents.Store;
using AuthEvents.Store.Audit;
using AuthEvents.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace AuthEvents.Tests.Store;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class AuditStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly StoreWriteGate _gate = new();
    private readonly AuditChain _chain = AuditChain.FromPayloadKey(RandomNumberGenerator.GetBytes(32));
    private readonly AuditStore _audit;

    public AuditStoreTests()
    {
        _audit = new AuditStore(_db.Contexts, _gate, _chain, _time);
    }

    [Fact]
    public async Task Verify_RowsAppended_IntactAndEachChainedToTheOneBefore()
    {
        await _db.MigrateAsync();
        var first = await AppendAsync("ada", AuditActions.SignIn);
        var second = await AppendAsync("ada", AuditActions.PersonOpened, "p-1");

        var result = await _audit.VerifyAsync(CancellationToken.None);

        Assert.Equal(new AuditVerification(true, 2, null, null), result);
        Assert.Equal([1L, 2L], [first.Id, second.Id]);
        Assert.NotEqual(first.Hash, second.Hash);
        Assert.Equal(64, second.Hash.Length);
    }

    [Fact]
    public async Task Verify_OneRowEditedInTheDatabase_NamesThatRow()
    {
        await _db.MigrateAsync();
        for (var i = 0; i < 5; i++)
        {
            await AppendAsync("ada", AuditActions.Export, "filter " + i);
        }

        // As someone with the database file would: the append-only trigger dropped, then one field changed.
        await ExecuteAsync($"DROP TRIGGER audit_append_only_update{OnAudit}; UPDATE audit SET target = 'filter x' WHERE id = 3;");

        var result = await _audit.VerifyAsync(CancellationToken.None);

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenId);
        Assert.Contains("edited", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ARowDeletedInTheDatabase_NamesTheRowAfterTheGap()
    {
        await _db.MigrateAsync();
        for (var i = 0; i < 4; i++)
        {
            await AppendAsync("ada", AuditActions.SignIn);
        }

        await ExecuteAsync($"DROP TRIGGER audit_append_only_delete{OnAudit}; DELETE FROM audit WHERE id = 2;");

        var result = await _audit.VerifyAsync(CancellationToken.None);

        Assert.Equal(3, result.FirstBrokenId);
        Assert.Equal("row 2 before it is missing", result.Problem);
    }

    [Fact]
    public async Task Verify_AnEditWithTheHashRecomputedWithoutTheKey_StillNamesIt()
    {
        await _db.MigrateAsync();
        await AppendAsync("ada", AuditActions.SignIn);
        await AppendAsync("ada", AuditActions.SignOut);
        var forger = AuditChain.FromPayloadKey(RandomNumberGenerator.GetBytes(32));
        var rows = new List<AuthEvents.Store.Entities.AuditRecord>();
        await foreach (var row in _audit.StreamAsync(new AuditQuery(), CancellationToken.None))
        {
            rows.Add(row);
        }

        rows[1].Target = "forged";
        var forgedHash = forger.HashOf(rows[0].Hash, rows[1]);
        await ExecuteAsync($"DROP TRIGGER audit_append_only_update{OnAudit}; UPDATE audit SET target = 'forged', hash = '{forgedHash}' WHERE id = 2;");

        Assert.Equal(2, (await _audit.VerifyAsync(CancellationToken.None)).FirstBrokenId);
    }

    [Fact]
    public async Task UpdateOrDelete_ThroughTheDatabase_RefusedByTheTrigger()
    {
        await _db.MigrateAsync();
        await AppendAsync("ada", AuditActions.SignIn);

        var update = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecuteAsync("UPDATE audit SET action = 'x'"));
        var delete = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecuteAsync("DELETE FROM audit"));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.True((await _audit.VerifyAsync(CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task ListAndStream_Filters_RangeUserAndAction()
    {
        await _db.MigrateAsync();
        await AppendAsync("ada", AuditActions.SignIn);
        _time.Advance(TimeSpan.FromHours(1));
        await AppendAsync("bob", AuditActions.SignIn);
        await AppendAsync("ada", AuditActions.Export, "range=1h");
        _time.Advance(TimeSpan.FromHours(1));
        await AppendAsync("ada", AuditActions.SignOut);

        var adaInTheSecondHour = await _audit.ListAsync(new AuditQuery(Start.AddHours(1), Start.AddHours(2), "ada"), null, 50, CancellationToken.None);
        var signIns = new List<string>();
        await foreach (var row in _audit.StreamAsync(new AuditQuery(Action: AuditActions.SignIn), CancellationToken.None))
        {
            signIns.Add(row.Subject);
        }

        var byName = await _audit.ListAsync(new AuditQuery(User: "Bob Builder"), null, 50, CancellationToken.None);
        var olderThan4 = await _audit.ListAsync(new AuditQuery(), beforeId: 4, take: 2, CancellationToken.None);

        Assert.Equal([AuditActions.Export], adaInTheSecondHour.Select(r => r.Action));
        Assert.Equal(["ada", "bob"], signIns);
        Assert.Equal(["bob"], byName.Select(r => r.Subject));
        Assert.Equal([3L, 2L], olderThan4.Select(r => r.Id));
    }

    [Fact]
    public async Task Append_ConcurrentWriters_OneUnbrokenChain()
    {
        await _db.MigrateAsync();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => AppendAsync("user" + i, AuditActions.HubSubscribed)));

        var result = await _audit.VerifyAsync(CancellationToken.None);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(20, result.Rows);
    }

    [Fact]
    public async Task Append_TwoNodesConcurrently_OneUnbrokenChain()
    {
        await _db.MigrateAsync();
        using var otherGate = new StoreWriteGate();
        var otherNode = new AuditStore(_db.Contexts, otherGate, _chain, _time);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? _audit : otherNode)
            .AppendAsync(new AuditEntry("user" + i, "User", "Analyst", AuditActions.HubSubscribed, "", "", "192.0.2.1", "test"), CancellationToken.None)));

        var result = await _audit.VerifyAsync(CancellationToken.None);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(40, result.Rows);
    }

    [Fact]
    public async Task Append_OverlongUserAgent_Cut()
    {
        await _db.MigrateAsync();

        var row = await _audit.AppendAsync(new AuditEntry("ada", "Ada", "Admin", AuditActions.SignIn, "", "", "192.0.2.1", new string('x', 5000)), CancellationToken.None);

        Assert.Equal(AuditStore.UserAgentLength, row.UserAgent.Length);
        Assert.True((await _audit.VerifyAsync(CancellationToken.None)).Intact);
    }

    private Task<AuthEvents.Store.Entities.AuditRecord> AppendAsync(string subject, string action, string target = "") =>
        _audit.AppendAsync(new AuditEntry(subject, subject == "bob" ? "Bob Builder" : "Ada Analyst", "Analyst", action, target, "", "192.0.2.1", "test"), CancellationToken.None);

    /// <summary>PostgreSQL names a trigger's table when dropping it; SQLite does not accept that.</summary>
    private string OnAudit => _db.Provider == StoreProvider.PostgreSql ? " ON audit" : "";

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = _db.OpenConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        _gate.Dispose();
        _db.Dispose();
    }
}
