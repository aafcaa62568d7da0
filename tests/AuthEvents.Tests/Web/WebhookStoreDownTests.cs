using System.Net;
using AuthEvents.Store;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Endpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Tests.Web;

/// <summary>The receivers when the store cannot take a delivery: 503 (so that the provider retries) and nothing stored.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class WebhookStoreDownTests : IDisposable
{
    // The receivers check signature and freshness times against this clock, so it starts now.
    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);
    private readonly TestHost _host;

    public WebhookStoreDownTests()
    {
        _host = new TestHost(TestWebhooks.Settings, services => services.AddSingleton<TimeProvider>(_clock));
    }

    [Theory]
    [InlineData("Entrust")]
    [InlineData("FusionAuth")]
    public async Task Webhook_StoreDoesNotAnswerWithinTheDeadline_503AndNothingStored(string source)
    {
        using var client = _host.CreateClient();
        var request = source == "Entrust" ? TestWebhooks.EntrustRequest(TestWebhooks.EntrustBody("019adb89-5555-750e-90a3-e860c924aa29")) : TestWebhooks.FusionRequest(TestWebhooks.FusionBody("5d1c7e2a-9a51-4c55-8f0e-0a3c2b1d4e6f", _clock.GetUtcNow()));
        TimeSpan deadline;
        Task<HttpResponseMessage> sending;

        // Another writer holds the store until the receiver's deadline has passed (Entrust allows 3 s for the whole answer).
        var held = await _host.Services.GetRequiredService<StoreWriteGate>().EnterAsync(CancellationToken.None);
        try
        {
            sending = client.SendAsync(request);
            deadline = await _clock.AdvanceToTimerAsync(WebhookInboxWriter.WriteDeadline);
        }
        finally
        {
            // Released once the write has given up: the receiver can record the failure, and still stores nothing.
            held.Dispose();
        }

        using (var response = await sending)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromMilliseconds(2500), deadline);
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
        var request = source == "Entrust" ? TestWebhooks.EntrustRequest(TestWebhooks.EntrustBody("019adb89-6666-750e-90a3-e860c924aa29")) : TestWebhooks.FusionRequest(TestWebhooks.FusionBody("6e2d8f3b-0b62-4d66-9f1f-1b4d3c2e5f70", DateTimeOffset.UtcNow));
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
