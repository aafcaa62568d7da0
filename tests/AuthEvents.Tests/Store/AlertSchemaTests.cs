using AuthEvents.Core.Alerts;
using AuthEvents.Store.Alerts;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Tests.Store;

/// <summary>The alert tables as the migrations create them, on each provider.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class AlertSchemaTests : IDisposable
{
    private const string Key = "203.0.113.7";
    private readonly TestDatabase _database = new();

    [Theory]
    [InlineData(AlertStatus.Open)]
    [InlineData(AlertStatus.Acknowledged)]
    public async Task Insert_SecondOpenAlertOfARuleAndKey_RefusedByThePartialIndex(AlertStatus second)
    {
        await _database.MigrateAsync();
        await AddAsync(AlertRuleIds.CredentialStuffing, Key, AlertStatus.Open);

        await Assert.ThrowsAsync<DbUpdateException>(() => AddAsync(AlertRuleIds.CredentialStuffing, Key, second));
    }

    [Fact]
    public async Task Insert_OpenAlertBesideClosedOnesAndOtherRulesOfTheSameKey_Allowed()
    {
        await _database.MigrateAsync();
        await AddAsync(AlertRuleIds.CredentialStuffing, Key, AlertStatus.Resolved);
        await AddAsync(AlertRuleIds.CredentialStuffing, Key, AlertStatus.Resolved);
        await AddAsync(AlertRuleIds.CredentialStuffing, Key, AlertStatus.FalsePositive);
        await AddAsync(AlertRuleIds.PasswordSpray, Key, AlertStatus.Open);

        await AddAsync(AlertRuleIds.CredentialStuffing, Key, AlertStatus.Acknowledged);

        await using var db = await _database.Contexts.CreateDbContextAsync();
        Assert.Equal(5, await db.Set<AlertRecord>().CountAsync());
    }

    [Fact]
    public async Task Upsert_OnConflictWithTheIndexFilter_ResolvesToTheOpenAlertOnEitherProvider()
    {
        await _database.MigrateAsync();
        await AddAsync(AlertRuleIds.CredentialStuffing, Key, AlertStatus.Resolved);
        await AddAsync(AlertRuleIds.CredentialStuffing, Key, AlertStatus.Acknowledged);

        // The engine's conflict target names the partial index by its columns and filter: each provider must infer it.
        await using var db = await _database.Contexts.CreateDbContextAsync();
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO alerts (rule_id, alert_key, key_kind, severity, status, first_seen_ticks, last_seen_ticks, opened_at_ticks,
                updated_at_ticks, status_changed_at_ticks, count, evidence_kept, summary, figures_json, is_demo, origin, rule_fingerprint, version, change_seq)
            VALUES ({AlertRuleIds.CredentialStuffing}, {Key}, 1, 3, 1, 5, 5, 5, 5, 5, 1, 0, 's', {"{}"}, FALSE, 1, 'f', 1, 2)
            ON CONFLICT (rule_id, alert_key) WHERE status IN (1, 2) DO UPDATE SET count = alerts.count + excluded.count
            """);

        Assert.Equal(1, inserted);
        Assert.Equal([(AlertStatus.Resolved, 1L), (AlertStatus.Acknowledged, 2L)],
            (await db.Set<AlertRecord>().OrderBy(a => a.Id).Select(a => new { a.Status, a.Count }).ToListAsync()).Select(a => (a.Status, a.Count)));
    }

    private async Task AddAsync(string rule, string key, AlertStatus status)
    {
        await using var db = await _database.Contexts.CreateDbContextAsync();
        db.Add(new AlertRecord
        {
            RuleId = rule, AlertKey = key, KeyKind = AlertKeyKind.Ip, Severity = AlertSeverity.High, Status = status, Count = 1, Summary = "s",
            Origin = AlertOrigin.Live, RuleFingerprint = "f", Version = 1, ChangeSeq = 1,
        });
        await db.SaveChangesAsync();
    }

    public void Dispose() => _database.Dispose();
}
