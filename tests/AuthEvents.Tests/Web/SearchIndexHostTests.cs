using System.Text.Json;
using AngleSharp.Html.Parser;
using AuthEvents.Store;
using AuthEvents.Store.Search;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Endpoints;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using static AuthEvents.Tests.Analytics.ScriptedStore;

namespace AuthEvents.Tests.Web;

/// <summary>
/// A store whose events are not yet indexed for free text: the host starts and serves without waiting for the backfill,
/// and /live, free-text exports and /healthz say it is still being built until it ends.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class SearchIndexHostTests : IDisposable
{
    // The builder's own gate, held by the test: the backfill waits at its first chunk, and nothing else waits with it.
    private readonly StoreWriteGate _builderGate = new();
    private readonly TestHost _host;
    private SearchIndexBuilder? _builder;

    public SearchIndexHostTests()
    {
        _host = new TestHost(new Dictionary<string, string?> { ["Demo:Enabled"] = "false" }, services =>
        {
            foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SearchIndexBuilder)).ToList())
            {
                services.Remove(hosted);
            }

            services.AddSingleton<IHostedService>(sp => _builder = new SearchIndexBuilder(
                sp.GetRequiredService<IDbContextFactory<AuthEventsDbContext>>(), _builderGate, TimeProvider.System, NullLogger<SearchIndexBuilder>.Instance));
        });
    }

    [Fact]
    public async Task BackfillHeld_HostServesAndSaysTheIndexIsBeingBuilt_UntilItEnds()
    {
        await StoreUnindexedEventsAsync(Path.Combine(_host.DataDirectory, "authevents.db"), 3);
        var held = await _builderGate.EnterAsync(CancellationToken.None);

        using var client = _host.CreateClient();
        var notice = await NoticeAsync(client);
        var health = await SearchIndexHealthAsync(client);
        using var export = await client.GetAsync(new Uri("/api/events?format=ndjson&q=zebra", UriKind.Relative));
        using var plainExport = await client.GetAsync(new Uri("/api/events?format=ndjson", UriKind.Relative));
        held.Dispose();
        await _builder!.ExecuteTask!.WaitAsync(Patience.HangGuard);
        using var after = await client.GetAsync(new Uri("/api/events?format=ndjson&q=zebra", UriKind.Relative));

        Assert.Contains("0 of 3 events indexed (0 %)", notice, StringComparison.Ordinal);
        Assert.Contains("older events may be missing from free-text results", notice, StringComparison.Ordinal);
        Assert.Equal((true, 0, 3), health);
        Assert.Equal("building; indexed=0; total=3", Assert.Single(export.Headers.GetValues(ExportEndpoint.SearchIndexHeader)));
        Assert.Equal("", await export.Content.ReadAsStringAsync());
        Assert.False(plainExport.Headers.Contains(ExportEndpoint.SearchIndexHeader));
        Assert.Null(await NoticeAsync(client));
        Assert.Equal((false, 0, 0), await SearchIndexHealthAsync(client));
        Assert.False(after.Headers.Contains(ExportEndpoint.SearchIndexHeader));
        Assert.Equal(3, (await after.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    /// <summary>A store as an upgrade finds it: migrated, with events stored before the search index existed.</summary>
    private static async Task StoreUnindexedEventsAsync(string file, int count)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var location = new StoreLocation(Path.GetDirectoryName(file)!, new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        var options = new DbContextOptionsBuilder<AuthEventsDbContext>();
        StoreServiceCollectionExtensions.UseStore(options, location);
        var contexts = new PooledDbContextFactory<AuthEventsDbContext>(options.Options);
        await StoreInitializer.InitializeAsync(contexts, CancellationToken.None);
        using var gate = new StoreWriteGate();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        await new EventStore(contexts, gate, TimeProvider.System).CommitAsync(
            Enumerable.Range(1, count).Select(i => Event($"old-{i}", at.AddSeconds(i), type: "zebra.old"))
                .Select((e, i) => new NormalizedInboxRecord(i + 1, e.Source, e.ProviderEventId, false, e, null)).ToList(),
            CancellationToken.None);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO events_fts (events_fts) VALUES ('delete-all'); " +
                "UPDATE search_backfill SET next_id = (SELECT MIN(id) FROM events), up_to = (SELECT MAX(id) FROM events), total = 0, done = 0;");
        }

        SqliteConnection.ClearAllPools();
    }

    private static async Task<string?> NoticeAsync(HttpClient client)
    {
        var html = await client.GetStringAsync(new Uri("/live", UriKind.Relative));
        var notice = new HtmlParser().ParseDocument(html).QuerySelector("[data-testid=search-index-notice]");
        return notice is null ? null : string.Join(' ', notice.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static async Task<(bool Building, long Indexed, long Total)> SearchIndexHealthAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        var index = json.RootElement.GetProperty("searchIndex");
        return (index.GetProperty("building").GetBoolean(), index.GetProperty("indexed").GetInt64(), index.GetProperty("total").GetInt64());
    }

    public void Dispose()
    {
        _host.Dispose();
        _builderGate.Dispose();
    }
}
