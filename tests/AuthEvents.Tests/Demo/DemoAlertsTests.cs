using AuthEvents.Core.Alerts;
using AuthEvents.Store.Alerts;
using AuthEvents.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Tests.Demo;

/// <summary>
/// The demo's attack scenarios raise alerts as soon as the dashboard starts: its backfill holds credential stuffing and
/// account takeovers, a new install's rules evaluate the recent history, and every such alert is labelled demo data.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class DemoAlertsTests : IDisposable
{
    private readonly TestHost _host = new(new Dictionary<string, string?> { ["Demo:Enabled"] = "true", ["Demo:Backfill"] = "01:00:00" });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task DemoStarted_StuffingAndTakeoverAlertsRaisedFromItsTraffic_AllLabelledDemo()
    {
        using var client = _host.CreateClient();
        var queries = _host.Services.GetRequiredService<AlertQueries>();
        var feed = _host.Services.GetRequiredService<AuthEvents.Ingest.Feed.EventFeed>();
        var changed = new SemaphoreSlim(0);
        feed.Committed += update =>
        {
            if (update.AlertChanges > 0)
            {
                changed.Release();
            }
        };

        async Task<bool> RaisedAsync()
        {
            var page = await queries.PageAsync(new AlertFilter { Rules = new HashSet<string> { AlertRuleIds.CredentialStuffing, AlertRuleIds.AccountTakeoverChain } }, 0, 500, CancellationToken.None);
            return page.Rows.Any(r => r.RuleId == AlertRuleIds.CredentialStuffing) && page.Rows.Any(r => r.RuleId == AlertRuleIds.AccountTakeoverChain);
        }

        // Each wait is for the evaluator's next announcement of alert changes, not for a time.
        using var guard = new CancellationTokenSource(Patience.HangGuard);
        while (!await RaisedAsync())
        {
            await changed.WaitAsync(guard.Token);
        }

        var all = await queries.PageAsync(AlertFilter.All with { Statuses = new HashSet<AlertStatus>() }, 0, 500, CancellationToken.None);
        Assert.All(all.Rows, a => Assert.True(a.IsDemo, $"alert #{a.Id} ({a.RuleId}) is not labelled demo"));
        var stuffing = all.Rows.First(r => r.RuleId == AlertRuleIds.CredentialStuffing);
        Assert.Equal(AlertKeyKind.Ip, stuffing.KeyKind);
        Assert.True(stuffing.Count >= 20);
    }
}
