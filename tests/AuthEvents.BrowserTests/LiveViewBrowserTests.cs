using System.Text.Json;
using Microsoft.Playwright;

namespace AuthEvents.BrowserTests;

/// <summary>The live view's URL state, chart, detail panel and export, and the external SignalR hub.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class LiveViewBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ViewerZone_BrowserInTokyo_LiveAndThenFailuresShowItsTimes()
    {
        // The layout asks the browser once per circuit; a page reached later in the same circuit already has the zone.
        var page = await fixture.NewPageAsync(timezoneId: "Asia/Tokyo");
        await page.GotoAsync("live");
        await fixture.WaitForInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("filter-utc-zone")).ToHaveTextAsync("Times in Asia/Tokyo (UTC+09:00)");
        // A row's exact time (its tooltip) is in the viewer's offset, then in UTC.
        await Assertions.Expect(page.GetByTestId("event-grid").Locator("[title*='+09:00 · ']").First).ToBeVisibleAsync();

        await page.GetByTestId("nav-failures").ClickAsync();
        await Assertions.Expect(page.GetByTestId("failures-utc-zone")).ToHaveTextAsync("Times in Asia/Tokyo (UTC+09:00)");
        await page.GetByTestId("failures-utc").CheckAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/failures\?tz=utc$"));
        await Assertions.Expect(page.GetByTestId("failures-utc-zone")).ToHaveTextAsync("Times in UTC");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SearchFilter_Typed_GoesToUrlAndACopiedLinkRestoresTheSameView()
    {
        var page = await OpenAsync("live");
        var search = page.GetByTestId("filter-text");

        await search.FillAsync("credentials_failed");
        await search.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/live\?q=credentials_failed$"));
        await AssertEveryRowAsync(page, "credentials_failed");
        var copied = page.Url;
        await page.Context.CloseAsync();

        var other = await fixture.NewPageAsync();
        await other.GotoAsync(copied);
        await fixture.WaitForInteractiveAsync(other);
        await Assertions.Expect(other.GetByTestId("filter-text")).ToHaveValueAsync("credentials_failed");
        await AssertEveryRowAsync(other, "credentials_failed");
        Assert.Equal(copied, other.Url);
        await other.Context.CloseAsync();
    }

    [Fact]
    public async Task KeyboardShortcuts_EscapePAndSlash_CloseTheDetailPauseAndSearch()
    {
        var page = await OpenAsync("live?outcome=failure");
        await ClickNewestFailureAsync(page);
        await Assertions.Expect(page.GetByTestId("event-detail")).ToBeVisibleAsync();
        var status = page.GetByTestId("live-status");

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("event-detail")).ToHaveCountAsync(0);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/live\?outcome=failure$"));

        await page.Keyboard.PressAsync("p");
        await Assertions.Expect(status).ToContainTextAsync("Paused");
        await page.Keyboard.PressAsync("p");
        await Assertions.Expect(status).ToHaveTextAsync("Live");

        await page.Keyboard.PressAsync("/");
        await Assertions.Expect(page.GetByTestId("filter-text")).ToBeFocusedAsync();
        // In the field, a key is the field's: typed, not a shortcut.
        await page.Keyboard.TypeAsync("p");
        await Assertions.Expect(page.GetByTestId("filter-text")).ToHaveValueAsync("p");
        await Assertions.Expect(status).ToHaveTextAsync("Live");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SearchFilter_TypedWhilePaused_AppliesAndStaysPaused()
    {
        // A paused view reads once and then holds still, so the event searched for must be stored before the search:
        // one of our own, from an address (IPv6 documentation range) the demo never uses.
        const string ip = "2001:db8::7e57";
        await EntrustWebhooks.SendAndAwaitStoredAsync(fixture.Server, Guid.NewGuid().ToString(), "authentication.failed", "paused-search", DateTimeOffset.UtcNow, ip);
        var page = await OpenAsync("live");
        await page.GetByTestId("pause-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("live-status")).ToContainTextAsync("Paused");

        await page.GetByTestId("filter-text").FillAsync(ip);
        await page.GetByTestId("filter-text").PressAsync("Enter");

        await AssertEveryRowAsync(page, ip);
        await Assertions.Expect(page.GetByTestId("live-status")).ToContainTextAsync("Paused");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RateChart_DemoTraffic_DrawsStackedAreasWithALegend()
    {
        var page = await OpenAsync("live");
        var chart = page.GetByTestId("rate-chart");

        var area = chart.Locator("path.apexcharts-area").First;
        await Assertions.Expect(area).ToBeVisibleAsync();
        // An outcome's area covers the two minutes: its outline has a point per second, not a flat empty shape.
        Assert.True((await area.GetAttributeAsync("d") ?? "").Split('L').Length > 20);

        Assert.True(int.Parse(await chart.GetAttributeAsync("data-points") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 0);
        var legend = await chart.Locator(".apexcharts-legend").InnerTextAsync();
        Assert.Contains("Success", legend, StringComparison.Ordinal);
        Assert.Contains("Failure", legend, StringComparison.Ordinal);
        await fixture.ScreenshotAsync(page, "live-chart");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RateChart_Clicked_NarrowsTheViewToThatSecond()
    {
        var page = await OpenAsync("live");
        var plot = page.GetByTestId("rate-chart").Locator(".apexcharts-grid");
        await Assertions.Expect(page.GetByTestId("rate-chart").Locator("path.apexcharts-area").First).ToBeVisibleAsync();
        var box = await plot.BoundingBoxAsync() ?? throw new InvalidOperationException("The chart has no plot area.");

        // The shared tooltip follows the pointer; the click picks the second under it.
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.MoveAsync(box.X + box.Width / 2 + 3, box.Y + box.Height / 2);
        await page.Mouse.ClickAsync(box.X + box.Width / 2 + 3, box.Y + box.Height / 2);

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/live\?from=[^&]+&to=[^&]+$"));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(page.Url).Query);
        var from = DateTimeOffset.Parse(query["from"]!, System.Globalization.CultureInfo.InvariantCulture);
        var to = DateTimeOffset.Parse(query["to"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromSeconds(1), to - from);
        await Assertions.Expect(page.GetByTestId("live-status")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EventRow_Clicked_OpensTheDetailPanelAndTheUrlReopensIt()
    {
        var page = await OpenAsync("live?outcome=failure");
        await ClickNewestFailureAsync(page);

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"outcome=failure&event=\d+$"));
        var detail = page.GetByTestId("event-detail");
        await Assertions.Expect(detail).ToBeVisibleAsync();
        await Assertions.Expect(detail.GetByTestId("detail-reasons")).ToBeVisibleAsync();
        var url = page.Url;
        var title = await detail.Locator(".ae-detail-title").InnerTextAsync();
        await fixture.ScreenshotAsync(page, "live-detail");

        await page.ReloadAsync();
        await fixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("event-detail").Locator(".ae-detail-title")).ToHaveTextAsync(title);
        Assert.Equal(url, page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EventRow_FocusedAndEnterPressed_OpensItsDetailAndMarksItSelected()
    {
        var page = await OpenAsync("live?outcome=failure");
        var (newest, row) = await PauseOnNewestAsync(page);

        // Rows are in the tab order (tabindex 0) and take focus.
        await Assertions.Expect(row).ToHaveAttributeAsync("tabindex", "0");
        await row.FocusAsync();
        await Assertions.Expect(row).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($@"event={newest}$"));
        await Assertions.Expect(page.GetByTestId("event-detail")).ToBeVisibleAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("aria-selected", "true");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ExportLink_FailureFilter_StreamsACsvOfOnlyThoseEvents()
    {
        var page = await OpenAsync("live?range=1h&outcome=failure");
        var href = await page.GetByTestId("export-link").GetAttributeAsync("href");
        Assert.NotNull(href);
        Assert.Contains("outcome=failure", href, StringComparison.Ordinal);
        Assert.Contains("from=", href, StringComparison.Ordinal);

        var response = await page.APIRequest.GetAsync(href);

        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/csv", response.Headers["content-type"], StringComparison.Ordinal);
        var lines = (await response.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var outcome = Array.IndexOf(lines[0].Split(','), "outcome");
        Assert.True(outcome >= 0, lines[0]);
        Assert.True(lines.Length > 1, "the export has no rows");
        Assert.All(lines.Skip(1), line => Assert.Equal("failure", line.Split(',')[outcome]));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Hub_SubscribedWithTheJsClient_ReceivesAnEventInjectedThroughAWebhook()
    {
        var client = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../wwwroot-assets/node_modules/@microsoft/signalr/dist/browser/signalr.min.js"));
        Assert.True(File.Exists(client), $"@microsoft/signalr not installed at {client}: run npm ci in wwwroot-assets.");
        var page = await fixture.NewPageAsync();
        await BrowserFixture.AddTestScriptAsync(page, client);
        await page.GotoAsync("sources");
        var state = await page.EvaluateAsync<string>("""
            async () => {
              window.hubEvents = [];
              const connection = new signalR.HubConnectionBuilder().withUrl("/hubs/events").build();
              connection.on("event", e => window.hubEvents.push(e));
              await connection.start();
              await connection.invoke("Subscribe", { sources: ["Entrust"], milestones: [], outcomes: ["failure"] });
              window.hubConnection = connection;
              return connection.state;
            }
            """);
        Assert.Equal("Connected", state);
        var id = Guid.NewGuid().ToString();

        await EntrustWebhooks.SendAsync(fixture.Server, id, "authentication.failed", "f7475916", DateTimeOffset.UtcNow);

        var received = await page.WaitForFunctionAsync($"() => window.hubEvents.find(e => e.providerEventId === '{id}')");
        var message = await received.JsonValueAsync<JsonElement>();
        Assert.Equal("Entrust", message.GetProperty("source").GetString());
        Assert.Equal("failure", message.GetProperty("outcome").GetString());
        Assert.Equal("authentication.failed", message.GetProperty("eventType").GetString());
        var others = await page.EvaluateAsync<JsonElement>("() => window.hubEvents.filter(e => e.source !== 'Entrust' || e.outcome !== 'failure').length");
        Assert.Equal(0, others.GetInt32());
        await page.Context.CloseAsync();
    }

    private async Task<IPage> OpenAsync(string path)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(path);
        await fixture.WaitForInteractiveAsync(page);
        return page;
    }

    // On a view filtered to failures: waits for the first row and clicks it, which opens its detail.
    /// <summary>
    /// Holds the view, clicks the row of the newest event it holds (found by its id: positions move with every arrival
    /// and every virtualized render), waits for the selection to reach the URL, then lets the view go live again.
    /// </summary>
    private static async Task ClickNewestFailureAsync(IPage page)
    {
        var (newest, row) = await PauseOnNewestAsync(page);
        await Assertions.Expect(row).ToContainTextAsync("Failure");

        await row.Locator("td").First.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($@"event={newest}$"));
        await page.GetByTestId("pause-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("live-status")).ToHaveTextAsync("Live");
    }

    /// <summary>
    /// Once the first rows are on screen, pauses the view and returns the newest event it holds, with its row (found by
    /// its id: positions move with every arrival and every virtualized render).
    /// </summary>
    private static async Task<(string Id, ILocator Row)> PauseOnNewestAsync(IPage page)
    {
        var grid = page.Locator(".ae-live-grid");
        await Assertions.Expect(grid).ToHaveAttributeAsync("data-newest-id", new System.Text.RegularExpressions.Regex(@"^\d+$"));
        await page.GetByTestId("pause-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("live-status")).ToContainTextAsync("Paused");
        var newest = (await grid.GetAttributeAsync("data-newest-id"))!;
        return (newest, page.GetByTestId("event-grid").Locator($"tr[data-event-id='{newest}']"));
    }

    /// <summary>
    /// Waits until the grid shows rows and every one of them holds <paramref name="text"/>: what the view shows once a
    /// filter has applied (before, the newest rows of the unfiltered view may happen to match too).
    /// </summary>
    private static async Task AssertEveryRowAsync(IPage page, string text)
    {
        var rows = page.GetByTestId("event-grid").Locator("tbody tr[data-event-id]");
        await Assertions.Expect(rows.Filter(new() { HasNotTextString = text })).ToHaveCountAsync(0);
        await Assertions.Expect(rows.First).ToContainTextAsync(text);
        var all = await rows.AllInnerTextsAsync();
        Assert.All(all, row => Assert.Contains(text, row, StringComparison.Ordinal));
    }
}
