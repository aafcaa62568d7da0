using System.Text;
using AuthEvents.Core.FusionAuth;
using AuthEvents.Demo.FusionAuth;
using AuthEvents.Demo.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.BrowserTests;

/// <summary>
/// Sends the demo server a FusionAuth webhook signed as the simulated FusionAuth signs it (an HS256 signature JWT with the
/// demo's generated secret), so that a test can put a provider's own values (country, city, user agent, event type)
/// into the store through the receiver a real FusionAuth calls.
/// </summary>
public static class FusionAuthWebhooks
{
    /// <summary>Posts <paramref name="body"/> (a FusionAuth webhook body) and returns the receiver's answer once it is not a 503.</summary>
    public static async Task SendAsync(DashboardServer server, string body)
    {
        ArgumentNullException.ThrowIfNull(server);
        var bytes = Encoding.UTF8.GetBytes(body);
        var signer = FusionAuthSignatureSigner.ForHmac(server.Services.GetRequiredService<DemoCredentials>().FusionAuthSigningSecret, DemoWebhookSender.FusionAuthKeyId);
        using var http = new HttpClient { BaseAddress = server.DirectAddress };
        // As FusionAuth does: a 503 (the store could not take the event in time on a busy machine) is retried; the hang
        // guard only stops a server that never recovers.
        var guard = DateTime.UtcNow + BrowserFixture.HangGuard;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/fusionauth") { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation(FusionAuthSignatureVerifier.HeaderName, signer.Sign(bytes));
            using var response = await http.SendAsync(request);
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > guard)
            {
                response.EnsureSuccessStatusCode();
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
