using System.Text.Json;
using AngleSharp.Html.Parser;
using AuthEvents.Core.Events;
using AuthEvents.Store;
using AuthEvents.Store.Journeys;
using AuthEvents.Tests.Journeys;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AuthEvents.Tests.Web;

/// <summary>A journey index rebuilt in the background: the pages and /healthz say their figures are partial until it ends.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class JourneyIndexHostTests : IDisposable
{
    // Without its builder, the host leaves the rebuild where the test puts it.
    private readonly TestHost _host = new(new Dictionary<string, string?> { ["Demo:Enabled"] = "false" }, services =>
    {
        foreach (var builder in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(JourneyIndexBuilder)).ToList())
        {
            services.Remove(builder);
        }
    });

    [Fact]
    public async Task RebuildRunning_JourneyPagesAndHealthz_SayTheFiguresArePartialUntilItEnds()
    {
        using var client = _host.CreateClient();
        var contexts = _host.Services.GetRequiredService<IDbContextFactory<AuthEventsDbContext>>();
        var journey = new StoredJourney(DateTimeOffset.UtcNow.AddMinutes(-10));
        await journey.CommitAsync(_host.Services.GetRequiredService<EventStore>(),
            journey.Event("lg-1", TimeSpan.Zero, EventSource.LoginGov, "login-email-and-password-auth", Outcome.Success, person: "email:a11ce", subject: "U1", session: "S1"),
            journey.Event("lg-2", TimeSpan.FromSeconds(20), EventSource.LoginGov, "login-completed", person: "logingov:U1", subject: "U1", session: "S1"));
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE journey_state SET value = 'older definitions' WHERE key = 'funnels';");
        }

        await JourneyIndex.PrepareAsync(contexts, CancellationToken.None);
        var during = await NoticeAsync(client, "/journeys");
        var person = await NoticeAsync(client, "/people/email%3Aa11ce");
        var catalog = await NoticeAsync(client, "/journeys/catalog");
        var healthDuring = await JourneyIndexHealthAsync(client);
        while ((await JourneyIndex.RebuildNextAsync(contexts, _host.Services.GetRequiredService<StoreWriteGate>(), 250, CancellationToken.None)).Building)
        {
        }

        Assert.Contains("0 of 2 stored events (0 %)", during, StringComparison.Ordinal);
        Assert.Contains("0 of 2", person, StringComparison.Ordinal);
        Assert.Null(catalog);
        Assert.Equal((true, 0, 2), healthDuring);
        Assert.Null(await NoticeAsync(client, "/journeys"));
        Assert.Equal((false, 0, 0), await JourneyIndexHealthAsync(client));
    }

    private static async Task<string?> NoticeAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var notice = new HtmlParser().ParseDocument(html).QuerySelector("[data-testid=journey-index-notice]");
        return notice is null ? null : string.Join(' ', notice.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static async Task<(bool Building, long Indexed, long Total)> JourneyIndexHealthAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        var index = json.RootElement.GetProperty("journeyIndex");
        return (index.GetProperty("building").GetBoolean(), index.GetProperty("indexed").GetInt64(), index.GetProperty("total").GetInt64());
    }

    public void Dispose() => _host.Dispose();
}
