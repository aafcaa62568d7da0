using System.Text;
using AuthEvents.Demo.Entrust;
using AuthEvents.Tests.Support;
using Microsoft.Playwright;

namespace AuthEvents.BrowserTests;

/// <summary>Two dashboard nodes on one PostgreSQL database: what one stores, the other's /live shows.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TwoNodeTestGroup
{
    public const string Name = "two-nodes";
}

[Collection(TwoNodeTestGroup.Name)]
public sealed class TwoNodeBrowserTests
{
    private const string Token = "entrust-token-for-the-two-node-test";
    private const string Callback = "http://localhost/webhooks/entrust";

    [Fact]
    public async Task Webhook_ToNodeA_ShowsOnNodeBsLivePage()
    {
        var database = await TestPostgres.CreateDatabaseAsync(CancellationToken.None);
        try
        {
            await using var nodeA = Node(database, "node-a");
            await using var nodeB = Node(database, "node-b");
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BrowserFixture.LaunchChromiumAsync(playwright);
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = nodeB.Proxy.Address.ToString(), ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
            context.SetDefaultTimeout((float)BrowserFixture.HangGuard.TotalMilliseconds);
            var page = await context.NewPageAsync();
            await page.GotoAsync("live");
            await page.Locator("html[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

            await SendAsync(nodeA, Guid.NewGuid().ToString(), "203.0.113.77");

            await Assertions.Expect(page.Locator("tr[data-event-id]").Filter(new() { HasText = "203.0.113.77" })).ToBeVisibleAsync(
                new() { Timeout = (float)BrowserFixture.HangGuard.TotalMilliseconds });
            await context.CloseAsync();
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database, CancellationToken.None);
        }
    }

    private static DashboardServer Node(string database, string id)
    {
        var server = new DashboardServer(new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "false",
            ["Store:Provider"] = "PostgreSql",
            ["ConnectionStrings:AuthEvents"] = database,
            ["Node:Id"] = id,
            ["Sources:Entrust:Enabled"] = "true",
            ["Sources:Entrust:WebhookToken"] = Token,
            ["Sources:Entrust:CallbackUrl"] = Callback,
        });
        server.Start();
        return server;
    }

    private static async Task SendAsync(DashboardServer node, string id, string ip)
    {
        var body = $$$"""{"id":"{{{id}}}","type":"authentication.failed","accountId":"c8485a88-4fd0-4248-8dcd-fb4ac0749fb7","eventTime":"{{{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}}}","data":{"subject":"two-nodes","subjectType":"USER","resourceName":"User Portal","sourceIp":"{{{ip}}}","token":"PASSWORD"}}""";
        using var http = new HttpClient { BaseAddress = node.DirectAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/entrust") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in new EntrustSignatureSigner(Token).Sign(Callback, Encoding.UTF8.GetBytes(body), DateTimeOffset.UtcNow))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
