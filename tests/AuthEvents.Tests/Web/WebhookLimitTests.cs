using System.Net;
using AuthEvents.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace AuthEvents.Tests.Web;

/// <summary>
/// Webhooks per client address: a flood from one address is answered with 429 while other senders go on. The window is
/// an hour here, so no refill can happen while a test runs and no test depends on the clock.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class WebhookLimitTests : IDisposable
{
    private static readonly IPAddress Flooder = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Provider = IPAddress.Parse("198.51.100.20");

    private readonly TestHost _host = new(new Dictionary<string, string?>(TestWebhooks.Settings)
    {
        ["RateLimits:WebhooksPerIp"] = "10",
        ["RateLimits:WebhookWindow"] = "01:00:00",
    });

    [Fact]
    public async Task Webhooks_BurstBeyondTheLimitFromOneAddress_429WithRetryAfterAndOtherAddressesGoOn()
    {
        // Unsigned, so each is refused (401) by the receiver itself: those count as much as accepted ones.
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(StatusCodes.Status401Unauthorized, (await PostAsync(i % 2 == 0 ? "/webhooks/entrust" : "/webhooks/fusionauth", Flooder)).Response.StatusCode);
        }

        var refused = await PostAsync("/webhooks/entrust", Flooder);
        var other = await PostAsync("/webhooks/fusionauth", Provider);

        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
        // A tenth of the window: the bucket refills 1 request every 6 minutes.
        Assert.Equal("360", refused.Response.Headers.RetryAfter.ToString());
        Assert.Equal("application/problem+json", refused.Response.ContentType);
        Assert.Contains("At most 10 webhook requests per 3600 s from one address", await new StreamReader(refused.Response.Body).ReadToEndAsync(), StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status401Unauthorized, other.Response.StatusCode);
    }

    private Task<HttpContext> PostAsync(string path, IPAddress from) => _host.Server.SendAsync(context =>
    {
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = path;
        context.Connection.RemoteIpAddress = from;
    });

    public void Dispose() => _host.Dispose();
}
