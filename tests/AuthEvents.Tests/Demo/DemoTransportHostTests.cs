using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Demo.Hosting;
using AuthEvents.Demo.LoginGov;
using AuthEvents.Ingest.Feed;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Ingest.Sources;
using AuthEvents.Ingest.Sources.Entrust;
using AuthEvents.Store;
using AuthEvents.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AuthEvents.Tests.Demo;

/// <summary>
/// Demo mode on a real socket, as <c>dotnet run</c> starts it: the simulated Login.gov and 1Password are polled by the
/// real importers, and the simulated Entrust and FusionAuth post signed webhooks to the dashboard's own receivers.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class DemoTransportHostTests
{
    [Fact]
    public async Task DemoOn_FreshStart_EveryTransportDeliversDemoEventsAndKeepsItsPosition()
    {
        await using var host = new TestHost(new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            ["Demo:EventsPerSecond"] = "10",
            ["Demo:Backfill"] = "00:05:00",
            ["Demo:MalformedShare"] = "0.03",
        });
        host.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        host.StartServer();
        var contexts = host.Services.GetRequiredService<IDbContextFactory<AuthEventsDbContext>>();

        var loginGov = host.Services.GetRequiredService<DemoLoginGovProvider>();
        var webhooks = host.Services.GetRequiredService<DemoWebhookSender>();
        using var changes = new Changes().Watch(host.Services.GetRequiredService<EventFeed>());
        await changes.UntilAsync(
            async () =>
            {
                await using var db = await contexts.CreateDbContextAsync();
                var sources = await db.Events.Select(e => e.Source).Distinct().CountAsync();
                var quarantined = await db.Quarantine.Select(q => q.Source).Distinct().ToListAsync();
                return sources == 4 && quarantined.Contains(EventSource.LoginGov) && quarantined.Contains(EventSource.OnePassword)
                    && loginGov.Acknowledged > 0 && webhooks.Accepted > 20;
            },
            "events from every source, quarantined damage from both pulled sources, acks and webhooks");
        // Stopped, so that counters and the store hold still while they are compared. The stopped host's services are
        // gone, so what is read afterwards is taken now, and the store is opened on its own.
        var traffic = host.Services.GetServices<IHostedService>().OfType<DemoTrafficService>().Single();
        var connectionString = host.Services.GetRequiredService<StoreLocation>().ConnectionString;
        await host.Services.GetRequiredService<IHost>().StopAsync();

        await using var db = new AuthEventsDbContext(new DbContextOptionsBuilder<AuthEventsDbContext>().UseSqlite(connectionString).Options);
        Assert.False(await db.Inbox.AnyAsync(i => !i.IsDemo));
        Assert.False(await db.Events.AnyAsync(e => !e.IsDemo));
        var states = await db.SourceStates.AsNoTracking().ToDictionaryAsync(s => s.Source);
        var inbox = await db.Inbox.GroupBy(i => i.Source).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);

        // 1Password: the saved cursor names exactly the items stored before it.
        var cursor = states[EventSource.OnePassword].Cursor!;
        Assert.Matches("^[0-9]{10}-1000-[0-9a-f]{8}$", cursor);
        Assert.Equal(inbox[EventSource.OnePassword], int.Parse(cursor[..10], System.Globalization.CultureInfo.InvariantCulture));

        // Login.gov: acked only what was stored; SETs are signed, and every one verified (no signature refusals).
        Assert.InRange(loginGov.Acknowledged, 1, inbox[EventSource.LoginGov]);
        var refusedSignatures = await db.Quarantine.Where(q => q.Reason.Contains("Signature")).Select(q => q.Reason).Take(3).ToListAsync();
        Assert.True(refusedSignatures.Count == 0, string.Join(" | ", refusedSignatures));

        // Webhooks: the history is written at start, then every delivery the receivers accepted is stored once, and none was
        // lost to a busy store. A send cut short by the stop may have been stored without its answer arriving, hence the
        // few more rows allowed than acceptances counted.
        var history = traffic.HistoryWebhooksStored;
        Assert.True(history > 0);
        Assert.InRange(inbox[EventSource.Entrust] + inbox[EventSource.FusionAuth], history + webhooks.Accepted, history + webhooks.Accepted + 2);
        Assert.Equal(0, webhooks.Failed);
        Assert.All([EventSource.Entrust, EventSource.FusionAuth], s => Assert.NotNull(states[s].LastSuccessAtTicks));
    }

    [Fact]
    public async Task DemoOn_Healthz_ShowsEachDemoSourceWithItsPosition()
    {
        await using var host = new TestHost(new Dictionary<string, string?> { ["Demo:Enabled"] = "true", ["Demo:Backfill"] = "00:01:00" });
        host.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        host.StartServer();
        using var client = new HttpClient { BaseAddress = new Uri(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        JsonElement[] sources = [];
        using var changes = new Changes().Watch(host.Services.GetRequiredService<EventFeed>());

        await changes.UntilAsync(
            async () =>
            {
                using var health = await client.GetFromJsonAsync<JsonDocument>("/healthz");
                sources = health!.RootElement.GetProperty("sources").EnumerateArray().Select(s => s.Clone()).ToArray();
                return sources.All(s => s.GetProperty("status").GetString() == "ok" && s.GetProperty("eventsReceived").GetInt64() > 0)
                    && sources[1].GetProperty("cursor").ValueKind == JsonValueKind.String;
            },
            "every demo source ok with events");

        Assert.All(sources, s => Assert.Equal("demo", s.GetProperty("mode").GetString()));
        Assert.EndsWith("acks pending", sources[0].GetProperty("position").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Number, sources[0].GetProperty("pendingAcks").ValueKind);
        Assert.StartsWith("cursor 0", sources[1].GetProperty("position").GetString(), StringComparison.Ordinal);
        Assert.Equal("webhook", sources[2].GetProperty("position").GetString());
        Assert.Equal("webhook", sources[3].GetProperty("position").GetString());
    }

    [Fact]
    public async Task DemoBesideALiveEntrust_SimulatesOnlyTheOtherSources()
    {
        await using var host = new TestHost(new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            ["Demo:Backfill"] = "00:00:10",
            ["Sources:Entrust:Enabled"] = "true",
            ["Sources:Entrust:WebhookToken"] = "the-operators-token",
            ["Sources:Entrust:CallbackUrl"] = "https://dashboard.example.org/webhooks/entrust",
        });
        using var client = host.CreateClient();

        var simulated = host.Services.GetRequiredService<SimulatedSources>();
        var entrust = host.Services.GetRequiredService<IOptions<EntrustSourceOptions>>().Value;

        Assert.Equal([EventSource.LoginGov, EventSource.OnePassword, EventSource.FusionAuth], simulated.All.Order());
        Assert.Equal("the-operators-token", entrust.WebhookToken);
        Assert.Equal(new Uri("https://dashboard.example.org/webhooks/entrust"), entrust.CallbackUrl);
        var health = await client.GetStringAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Contains("\"source\":\"Entrust\",\"mode\":\"live\"", health, StringComparison.Ordinal);
    }
}
