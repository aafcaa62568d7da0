using System.Text;
using AuthEvents.Core.Webhooks;
using AuthEvents.Demo.Entrust;
using AuthEvents.Demo.Hosting;
using AuthEvents.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.BrowserTests;

/// <summary>
/// Sends the demo server an Entrust webhook signed as the simulated Entrust signs (the demo's receiver holds that
/// generated token), so that a test can put the event it needs into the store instead of hoping the demo made one.
/// </summary>
public static class EntrustWebhooks
{
    public static async Task SendAsync(DashboardServer server, string id, string type, string subject, DateTimeOffset eventTime, string ip = "198.51.100.7")
    {
        var body = $$$"""{"id":"{{{id}}}","type":"{{{type}}}","accountId":"c8485a88-4fd0-4248-8dcd-fb4ac0749fb7","eventTime":"{{{eventTime.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}}","data":{"subject":"{{{subject}}}","subjectType":"USER","resourceName":"User Portal","sourceIp":"{{{ip}}}","token":"PASSWORD"}}""";
        var token = server.Services.GetRequiredService<DemoCredentials>().EntrustWebhookToken;
        using var http = new HttpClient { BaseAddress = server.DirectAddress };
        // As Entrust does: a 503 (the store could not take the event within the provider's time budget, as happens on a
        // busy machine) is retried; anything else is the answer. The hang guard only stops a server that never recovers.
        var guard = DateTime.UtcNow + BrowserFixture.HangGuard;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/entrust") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            foreach (var (name, value) in new EntrustSignatureSigner(token).Sign(DemoWebhookSender.EntrustCallbackUrl.AbsoluteUri, Encoding.UTF8.GetBytes(body), DateTimeOffset.UtcNow))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await http.SendAsync(request);
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > guard)
            {
                response.EnsureSuccessStatusCode();
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>
    /// Sends the webhook and returns once the event is in the store (not only in the inbox), so that a view read after
    /// this, paused or not, holds it.
    /// </summary>
    public static async Task SendAndAwaitStoredAsync(DashboardServer server, string id, string type, string subject, DateTimeOffset eventTime, string ip)
    {
        await SendAsync(server, id, type, subject, eventTime, ip);
        var contexts = server.Services.GetRequiredService<IDbContextFactory<AuthEventsDbContext>>();
        var guard = DateTime.UtcNow + BrowserFixture.HangGuard;
        while (true)
        {
            await using (var db = await contexts.CreateDbContextAsync())
            {
                if (await db.Events.AnyAsync(e => e.ProviderEventId == id))
                {
                    return;
                }
            }

            Assert.True(DateTime.UtcNow < guard, $"The event {id} was not stored within {BrowserFixture.HangGuard}.");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
