using AuthEvents.Core.Alerts.Rules;
using AuthEvents.Core.Events;
using AuthEvents.Store;
using AuthEvents.Store.Alerts;
using AuthEvents.Tests.Alerts.Engine;
using AuthEvents.Tests.Support;
using Npgsql;

namespace AuthEvents.Tests.Nodes;

/// <summary>
/// Two nodes' alert engines (each with its own write gate, as in two processes) on one PostgreSQL database: the alert lock
/// makes them evaluate one after the other, so an alert opens once and every event is counted once.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class AlertNodesTests : IDisposable
{
    private const string Attacker = "203.0.113.7";
    private readonly AlertEngineHarness _h = new();
    private readonly CredentialStuffingRule _stuffing = new(new CredentialStuffingSettings());

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Evaluate_WhileAnotherNodeHoldsTheAlertLock_WaitsForItAndThenCounts()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_stuffing);
        await _h.CommitAsync([.. Enumerable.Range(0, 20).Select(i => _h.PasswordFailure(TimeSpan.FromSeconds(i * 20), EventSource.LoginGov, AlertEngineHarness.Person(i), Attacker))]);
        await using var holder = new NpgsqlConnection(_h.Database.ConnectionString);
        await holder.OpenAsync();
        await Execute(holder, $"SELECT pg_advisory_lock({AdvisoryLocks.Alerts})");

        using var gate = new StoreWriteGate();
        var other = new AlertEngine(_h.Database.Contexts, gate, _h.Clock, new AlertWriterOptions());
        var run = other.EvaluateAsync([_stuffing], CancellationToken.None);
        // The other node is queued on the lock: PostgreSQL shows its request as not granted.
        await Patience.UntilAsync(async () => await Scalar(holder, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == 1);
        Assert.False(run.IsCompleted);
        Assert.Empty(await _h.AlertsAsync());

        await Execute(holder, $"SELECT pg_advisory_unlock({AdvisoryLocks.Alerts})");
        Assert.Equal(1, (await run.WaitAsync(Patience.HangGuard)).Opened);
        Assert.Equal(20, Assert.Single(await _h.AlertsAsync()).Count);
    }

    [Fact]
    public async Task Evaluate_TwoNodesRacing_OpenOneAlertAndCountEachEventOnce()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_stuffing);
        using var gate = new StoreWriteGate();
        var a = _h.Engine;
        var b = new AlertEngine(_h.Database.Contexts, gate, _h.Clock, new AlertWriterOptions());
        var people = 0;
        for (var round = 0; round < 8; round++)
        {
            await _h.CommitAsync([.. Enumerable.Range(0, 5).Select(_ => _h.PasswordFailure(TimeSpan.FromSeconds(people * 10), EventSource.FusionAuth, AlertEngineHarness.Person(people++), Attacker))]);
            await Task.WhenAll(
                Task.Run(() => a.EvaluateAsync([_stuffing], CancellationToken.None)),
                Task.Run(() => b.EvaluateAsync([_stuffing], CancellationToken.None)));
        }

        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal((40L, 40), (alert.Count, alert.EvidenceKept));
        Assert.Single(await _h.HistoryAsync(alert.Id));
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
