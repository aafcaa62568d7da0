using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AuthEvents.Core.Privacy;
using AuthEvents.Core.Webhooks;
using AuthEvents.Demo.Entrust;
using AuthEvents.Demo.FusionAuth;
using AuthEvents.Store;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Tests.Web;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class WebhookEndpointTests : IDisposable
{
    private readonly TestHost _host = new(TestWebhooks.Settings);

    [Fact]
    public async Task Entrust_SignedEvent_200AfterStoreAndNormalized()
    {
        using var client = _host.CreateClient();
        var body = TestWebhooks.EntrustBody("019adb89-60dd-750e-90a3-e860c924aa29");

        using var first = await client.SendAsync(TestWebhooks.EntrustRequest(body));
        using var again = await client.SendAsync(TestWebhooks.EntrustRequest(body));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("\"stored\"", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"duplicate\"", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = await WaitForEventsAsync(1);
        Assert.Equal("authentication.failed", stored.Single().EventType);
    }

    [Theory]
    [InlineData("tamper-body")]
    [InlineData("wrong-token")]
    [InlineData("no-signature")]
    public async Task Entrust_BadSignature_401AndNothingStored(string defect)
    {
        using var client = _host.CreateClient();
        var body = TestWebhooks.EntrustBody("019adb89-0000-750e-90a3-e860c924aa29");
        var request = TestWebhooks.EntrustRequest(body, defect == "wrong-token" ? "not-the-token" : TestWebhooks.EntrustToken);
        if (defect == "tamper-body")
        {
            request.Content = new StringContent(body.Replace("PASSWORD", "OTP", StringComparison.Ordinal), Encoding.UTF8, "application/json");
            CopySignature(TestWebhooks.EntrustRequest(body), request);
        }
        else if (defect == "no-signature")
        {
            request.Headers.Remove("Signature");
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync());
    }

    [Fact]
    public async Task Entrust_SignedButMalformedJson_400AndNothingStored()
    {
        using var client = _host.CreateClient();

        using var response = await client.SendAsync(TestWebhooks.EntrustRequest("{\"id\": \"x\", "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Malformed JSON", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await InboxCountAsync());
    }

    [Fact]
    public async Task Entrust_BodyOverLimit_413()
    {
        using var client = _host.CreateClient();

        using var response = await client.SendAsync(TestWebhooks.EntrustRequest(TestWebhooks.EntrustBody("big") + new string(' ', 5000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync());
    }

    [Fact]
    public async Task FusionAuth_SignedAndAuthenticated_StoredWithoutTheUserProfile()
    {
        using var client = _host.CreateClient();
        var body = TestWebhooks.FusionBody("e502168a-b469-45d9-a079-fd45f83e0406", DateTimeOffset.UtcNow);

        using var response = await client.SendAsync(TestWebhooks.FusionRequest(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await WaitForEventsAsync(1);
        Assert.Equal("user.login.failed", stored.Single().EventType);
        var protector = _host.Services.GetRequiredService<PayloadProtector>();
        await using var db = await Contexts().CreateDbContextAsync();
        var kept = protector.Unprotect((await db.Inbox.SingleAsync()).Payload);
        Assert.DoesNotContain("1981-06-04", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("Bachman", kept, StringComparison.Ordinal);
        Assert.Contains("\"email\":\"example@fusionauth.io\"", kept, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad-signature", HttpStatusCode.Unauthorized)]
    [InlineData("no-basic-auth", HttpStatusCode.Unauthorized)]
    [InlineData("alg-none", HttpStatusCode.Unauthorized)]
    [InlineData("stale", HttpStatusCode.BadRequest)]
    [InlineData("no-event-id", HttpStatusCode.BadRequest)]
    [InlineData("instant-out-of-range", HttpStatusCode.BadRequest)]
    [InlineData("instant-before-year-1", HttpStatusCode.BadRequest)]
    public async Task FusionAuth_Defect_RejectedAndNothingStored(string defect, HttpStatusCode expected)
    {
        using var client = _host.CreateClient();
        var created = defect == "stale" ? DateTimeOffset.UtcNow.AddHours(-3) : DateTimeOffset.UtcNow;
        var body = TestWebhooks.FusionBody(defect == "no-event-id" ? null : "0f2a3e31-d7c9-48dc-841a-b47ca4830773", created);
        if (defect == "instant-out-of-range")
        {
            // Past year 9999: FusionAuth would retry a 500 for ever; it is a malformed event, refused with 400.
            body = body.Replace(created.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "9223372036854775807", StringComparison.Ordinal);
        }
        else if (defect == "instant-before-year-1")
        {
            body = body.Replace(created.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "-62135596800001", StringComparison.Ordinal);
        }

        var request = TestWebhooks.FusionRequest(body);
        if (defect == "bad-signature")
        {
            request.Headers.Remove("X-FusionAuth-Signature-JWT");
            request.Headers.Add("X-FusionAuth-Signature-JWT", FusionAuthSignatureSigner.ForHmac("another-secret-entirely-0123456789abcd").Sign(Encoding.UTF8.GetBytes(body)));
        }
        else if (defect == "no-basic-auth")
        {
            request.Headers.Authorization = null;
        }
        else if (defect == "alg-none")
        {
            var header = Convert.ToBase64String("{\"alg\":\"none\",\"typ\":\"JWT\"}"u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var claims = request.Headers.GetValues("X-FusionAuth-Signature-JWT").Single().Split('.')[1];
            request.Headers.Remove("X-FusionAuth-Signature-JWT");
            request.Headers.Add("X-FusionAuth-Signature-JWT", header + "." + claims + ".");
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync());
    }

    [Fact]
    public async Task Healthz_WebhookSourcesEnabled_ReportedLive()
    {
        using var client = _host.CreateClient();

        var json = await client.GetStringAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Contains("\"source\":\"Entrust\",\"mode\":\"live\"", json, StringComparison.Ordinal);
        Assert.Contains("\"source\":\"LoginGov\",\"mode\":\"disabled\"", json, StringComparison.Ordinal);
        Assert.Contains("\"demo\":false", json, StringComparison.Ordinal);
    }

    private static void CopySignature(HttpRequestMessage from, HttpRequestMessage to)
    {
        foreach (var name in new[] { "Content-Digest", "Signature-Input", "Signature" })
        {
            to.Headers.TryAddWithoutValidation(name, from.Headers.GetValues(name));
        }
    }

    private IDbContextFactory<AuthEventsDbContext> Contexts() => _host.Services.GetRequiredService<IDbContextFactory<AuthEventsDbContext>>();

    private async Task<int> InboxCountAsync()
    {
        await using var db = await Contexts().CreateDbContextAsync();
        return await db.Inbox.CountAsync();
    }

    private async Task<List<AuthEvents.Store.Entities.EventRecord>> WaitForEventsAsync(int count)
    {
        using var changes = new Changes().Watch(_host.Services.GetRequiredService<AuthEvents.Ingest.Feed.EventFeed>());
        List<AuthEvents.Store.Entities.EventRecord> events = [];
        await changes.UntilAsync(async () =>
        {
            await using var db = await Contexts().CreateDbContextAsync();
            events = await db.Events.ToListAsync();
            return events.Count >= count;
        }, $"{count} stored events");
        return events;
    }

    public void Dispose() => _host.Dispose();
}
