using System.Net;
using AuthEvents.Core.Privacy;
using AuthEvents.Ingest.Feed;
using AuthEvents.Store;
using AuthEvents.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Tests.Nodes;

/// <summary>Two dashboard nodes (web hosts) on one PostgreSQL database.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class TwoNodeTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly List<TestHost> _hosts = [];

    [Fact]
    public async Task Keys_GeneratedByOneNode_UsedByTheOther()
    {
        await _database.MigrateAsync();
        var (a, b) = (Node("a"), Node("b"));

        var payload = a.Services.GetRequiredService<PayloadProtector>().Protect("{\"id\":\"x\"}");
        var cookie = a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("signed in");

        Assert.Equal("{\"id\":\"x\"}", b.Services.GetRequiredService<PayloadProtector>().Unprotect(payload));
        Assert.Equal("signed in", b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(cookie));
        Assert.Equal(a.Services.GetRequiredService<KeyRing>().LinkingKey, b.Services.GetRequiredService<KeyRing>().LinkingKey);
        Assert.False(File.Exists(Path.Combine(a.DataDirectory, GeneratedSecrets.FileName)));
    }

    [Fact]
    public async Task Webhooks_AlternatelyToBothNodesAndRedeliveredToTheOther_EachStoredAndExportedOnce()
    {
        await _database.MigrateAsync();
        var (a, b) = (Node("a"), Node("b"));
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();
        using var changes = new Changes().Watch(a.Services.GetRequiredService<EventFeed>()).Watch(b.Services.GetRequiredService<EventFeed>());
        var ids = Enumerable.Range(0, 40).Select(i => $"019adb89-60dd-750e-90a3-{i:D12}").ToList();

        var answers = await Task.WhenAll(ids.Select(async (id, i) =>
        {
            var body = TestWebhooks.EntrustBody(id);
            using var first = await (i % 2 == 0 ? clientA : clientB).SendAsync(TestWebhooks.EntrustRequest(body));
            using var again = await (i % 2 == 0 ? clientB : clientA).SendAsync(TestWebhooks.EntrustRequest(body));
            return (first.StatusCode, again.StatusCode);
        }));
        await changes.UntilAsync(async () => await CountAsync("SELECT COUNT(*) FROM events") >= ids.Count, "40 stored events");
        using var export = await clientA.GetAsync(new Uri("/api/events?format=ndjson", UriKind.Relative));
        var lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.All(answers, r => Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), r));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(ids.Count, lines.Length);
        Assert.All(ids, id => Assert.Single(lines, l => l.Contains(id, StringComparison.Ordinal)));
        Assert.Equal(ids.Count, await CountAsync("SELECT COUNT(*) FROM inbox"));
        Assert.Equal(ids.Count, await CountAsync("SELECT COALESCE(SUM(\"count\"), 0) FROM event_rollups WHERE grain = 1440"));
    }

    [Fact]
    public async Task Webhook_ToNodeA_AnnouncedOnNodeBsFeed()
    {
        await _database.MigrateAsync();
        var (a, b) = (Node("a"), Node("b"));
        await Task.WhenAll(a.Services.GetRequiredService<PostgresFeedRelay>().Listening, b.Services.GetRequiredService<PostgresFeedRelay>().Listening)
            .WaitAsync(Patience.HangGuard);
        var onB = new TaskCompletionSource<FeedUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = b.Services.GetRequiredService<EventFeed>().Subscribe((u, _) => { onB.TrySetResult(u); return Task.CompletedTask; }, TimeSpan.Zero);
        using var client = a.CreateClient();

        using var response = await client.SendAsync(TestWebhooks.EntrustRequest(TestWebhooks.EntrustBody("019adb89-60dd-750e-90a3-aaaaaaaaaaaa")));
        var update = await onB.Task.WaitAsync(Patience.HangGuard);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, update.NewEvents);
        Assert.Equal(1, update.BySource[AuthEvents.Core.Events.EventSource.Entrust]);
    }

    private TestHost Node(string id)
    {
        var settings = TestWebhooks.Settings;
        settings["Store:Provider"] = "PostgreSql";
        settings["ConnectionStrings:AuthEvents"] = _database.ConnectionString;
        settings["Node:Id"] = id;
        var host = new TestHost(settings);
        _hosts.Add(host);
        _ = host.Services; // Start it now, not on first use from parallel requests.
        return host;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var db = await _database.Contexts.CreateDbContextAsync();
        await using var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        _database.Dispose();
    }
}
