using System.Net;
using AuthEvents.Store;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Tests.Web;

/// <summary>
/// The receivers when the store cannot take a delivery: 503 (so that the provider retries) and nothing stored. Timed
/// against the receiver's real deadline, so they run apart from the rest of the suite.
/// </summary>
[Collection(TimingSensitiveTests.Name)]
public sealed class WebhookStoreDownTests : IDisposable
{
    private readonly TestHost _host = new(WebhookEndpointTests.Settings);

    [Theory]
    [InlineData("Entrust")]
    [InlineData("FusionAuth")]
    public async Task Webhook_StoreDoesNotAnswerWithinTheDeadline_503AndNothingStored(string source)
    {
        using var client = _host.CreateClient();
        var request = source == "Entrust" ? WebhookEndpointTests.EntrustRequest(WebhookEndpointTests.EntrustBody("019adb89-5555-750e-90a3-e860c924aa29")) : WebhookEndpointTests.FusionRequest(WebhookEndpointTests.FusionBody("5d1c7e2a-9a51-4c55-8f0e-0a3c2b1d4e6f", DateTimeOffset.UtcNow));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        HttpResponseMessage response;

        // Another writer holds the store for longer than the receiver's deadline (Entrust allows 3 s).
        using (await _host.Services.GetRequiredService<StoreWriteGate>().EnterAsync(CancellationToken.None))
        {
            response = await client.SendAsync(request);
        }

        using (response)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            // The deadline is 2.5 s, inside the 3 s Entrust allows; the upper bound only proves that the answer does not wait
            // for the store, with room for a loaded test machine.
            Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6));
        }

        Assert.Equal(0, await InboxCountAsync());
        Assert.Equal(0, await EventsReceivedAsync());
    }

    [Theory]
    [InlineData("Entrust")]
    [InlineData("FusionAuth")]
    public async Task Webhook_StoreWriteFails_503AndNothingStored(string source)
    {
        using var client = _host.CreateClient();
        var request = source == "Entrust" ? WebhookEndpointTests.EntrustRequest(WebhookEndpointTests.EntrustBody("019adb89-6666-750e-90a3-e860c924aa29")) : WebhookEndpointTests.FusionRequest(WebhookEndpointTests.FusionBody("6e2d8f3b-0b62-4d66-9f1f-1b4d3c2e5f70", DateTimeOffset.UtcNow));
        await using (var db = await Contexts().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE inbox RENAME TO inbox_offline");
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request);
        }
        finally
        {
            await using var db = await Contexts().CreateDbContextAsync();
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE inbox_offline RENAME TO inbox");
        }

        using (response)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("retry later", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await InboxCountAsync());
        Assert.Equal(0, await EventsReceivedAsync());
    }

    private IDbContextFactory<AuthEventsDbContext> Contexts() => _host.Services.GetRequiredService<IDbContextFactory<AuthEventsDbContext>>();

    private async Task<int> InboxCountAsync()
    {
        await using var db = await Contexts().CreateDbContextAsync();
        return await db.Inbox.CountAsync();
    }

    private async Task<long> EventsReceivedAsync()
    {
        await using var db = await Contexts().CreateDbContextAsync();
        return await db.SourceStates.SumAsync(s => s.EventsReceived);
    }

    public void Dispose() => _host.Dispose();
}
