using System.Net;
using System.Text.Json;
using AuthEvents.Store;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Tests.Web;

/// <summary>The health checks behind <c>/healthz</c>, <c>/healthz/live</c> and <c>/healthz/ready</c>.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class HealthEndpointTests : IDisposable
{
    private readonly TestHost _host = new(new Dictionary<string, string?>
    {
        ["Demo:Enabled"] = "false",
        ["Sources:Entrust:Enabled"] = "true",
        ["Sources:Entrust:WebhookToken"] = "health-test-token",
        ["Sources:Entrust:CallbackUrl"] = "https://dashboard.example.org/webhooks/entrust",
    });

    [Theory]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/ready")]
    public async Task Probe_StoreAnswers_200Healthy(string path)
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"Healthy"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_StoreAnswers_EachCheckReportedWithTheJsonContract()
    {
        using var client = _host.CreateClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));

        var root = json.RootElement;
        Assert.Equal(["status", "checkedAt", "demo", "store", "journeyIndex", "searchIndex", "sources", "alerts", "checks"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["enabled", "open", "lag", "lastCaughtUpAt", "lastFailure", "rules"], root.GetProperty("alerts").EnumerateObject().Select(p => p.Name));
        Assert.Equal("Healthy", root.GetProperty("checks").GetProperty("alerts").GetString());
        Assert.Equal(["state", "events", "inboxPending", "quarantineOpen", "newestEventAt", "error"], root.GetProperty("store").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["building", "indexed", "total"], root.GetProperty("journeyIndex").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["building", "indexed", "total"], root.GetProperty("searchIndex").EnumerateObject().Select(p => p.Name));
        Assert.Equal("Healthy", root.GetProperty("checks").GetProperty("searchIndex").GetString());
        Assert.Equal(
            ["source", "mode", "status", "lastSuccessAt", "secondsSinceSuccess", "consecutiveFailures", "lastError", "eventsReceived", "position", "pendingAcks", "cursor"],
            root.GetProperty("sources")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("Healthy", root.GetProperty("checks").GetProperty("store").GetString());
        Assert.Equal("Healthy", root.GetProperty("checks").GetProperty("sources").GetString());
    }

    [Fact]
    public async Task Probes_StoreUnreachable_ReadyAndHealthz503WhileLiveStays200()
    {
        using var client = _host.CreateClient();
        await using (var db = await Contexts().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE events RENAME TO events_offline");
        }

        try
        {
            using var live = await client.GetAsync(new Uri("/healthz/live", UriKind.Relative));
            using var ready = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
            using var full = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("""{"status":"Unhealthy"}""", await ready.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
            using var json = JsonDocument.Parse(await full.Content.ReadAsStringAsync());
            Assert.Equal("unavailable", json.RootElement.GetProperty("status").GetString());
            Assert.Equal("unavailable", json.RootElement.GetProperty("store").GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("journeyIndex").ValueKind);
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("searchIndex").ValueKind);
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("alerts").ValueKind);
        }
        finally
        {
            await using var db = await Contexts().CreateDbContextAsync();
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE events_offline RENAME TO events");
        }
    }

    [Fact]
    public async Task Healthz_SourceFailing_DegradedButStill200()
    {
        using var client = _host.CreateClient();
        await _host.Services.GetRequiredService<InboxStore>().RecordFailureAsync(AuthEvents.Core.Events.EventSource.Entrust, "store unavailable on receipt", CancellationToken.None);

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Degraded", json.RootElement.GetProperty("checks").GetProperty("sources").GetString());
        var entrust = json.RootElement.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "Entrust");
        Assert.Equal("store unavailable on receipt", entrust.GetProperty("lastError").GetString());
    }

    private IDbContextFactory<AuthEventsDbContext> Contexts() => _host.Services.GetRequiredService<IDbContextFactory<AuthEventsDbContext>>();

    public void Dispose() => _host.Dispose();
}
