using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AuthEvents.BrowserTests;

[Collection(BrowserTestGroup.Name)]
public sealed partial class DashboardBrowserTests(BrowserFixture fixture)
{

    [Fact]
    public async Task LivePage_DemoTraffic_NewEventsArriveWithoutReload()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("live");
        await WaitForInteractiveAsync(page);
        var grid = page.GetByTestId("event-grid");
        await Assertions.Expect(grid.Locator("tbody tr[data-event-id]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".ae-demo-badge")).ToContainTextAsync("DEMO DATA");
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };
        var newest = await page.Locator(".ae-live-grid").GetAttributeAsync("data-newest-id");
        var firstRow = await FirstRowTextAsync(page);

        await WaitUntilAsync(async () => await page.Locator(".ae-live-grid").GetAttributeAsync("data-newest-id") != newest, "a new event at the top of /live");
        await WaitUntilAsync(async () => await FirstRowTextAsync(page) != firstRow, "the new event's row on screen");

        Assert.Equal(0, navigations);
        Assert.Contains("DEMO", await grid.InnerTextAsync(), StringComparison.Ordinal);
        await fixture.ScreenshotAsync(page, "live-light");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PauseButton_Click_ChangesServerStateAndCountsArrivals()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("live");
        await WaitForInteractiveAsync(page);
        var status = page.GetByTestId("live-status");
        await Assertions.Expect(status).ToHaveTextAsync("Live");
        // The newest event the page holds, as the server has it: the virtualized grid may re-render its window on its own.
        // The first read must have landed: paused before it, the rows arrive once it does (nothing was on screen to hold).
        var gridHost = page.Locator(".ae-live-grid");
        await Assertions.Expect(gridHost).ToHaveAttributeAsync("data-newest-id", new Regex(@"^\d+$"));

        await page.GetByTestId("pause-button").ClickAsync();

        await Assertions.Expect(status).ToContainTextAsync("Paused");
        var frozen = await gridHost.GetAttributeAsync("data-newest-id");
        await WaitUntilAsync(async () => PausedCount(await status.InnerTextAsync()) > 3, "the paused counter to grow");
        Assert.Equal(frozen, await gridHost.GetAttributeAsync("data-newest-id"));

        await page.GetByTestId("pause-button").ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync("Live");
        await WaitUntilAsync(async () => await gridHost.GetAttributeAsync("data-newest-id") != frozen, "the view to catch up on resume");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task GridScrolledAwayFromTheNewest_RowsHoldStillUntilBackToNewest()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("live");
        await WaitForInteractiveAsync(page);
        var status = page.GetByTestId("live-status");
        var scroller = page.Locator(".ae-live-grid .ae-grid-scroll-body");
        await WaitUntilAsync(async () => await scroller.EvaluateAsync<double>("e => e.scrollHeight - e.clientHeight") > 300, "the grid to fill beyond one screen");

        var newest = await FirstRowTextAsync(page);

        await scroller.EvaluateAsync("e => e.scrollTop = 300");

        await Assertions.Expect(status).ToContainTextAsync("Held while you scroll");
        // The rows' newest event, as the server holds them: the rendered rows themselves change with the scroll position
        // (the grid virtualizes them), so the DOM text is no measure of whether new events moved them.
        var gridHost = page.Locator(".ae-live-grid");
        var held = await gridHost.GetAttributeAsync("data-newest-id");
        await WaitUntilAsync(async () => PausedCount(await status.InnerTextAsync()) > 3, "the held counter to grow");
        Assert.Equal(held, await gridHost.GetAttributeAsync("data-newest-id"));
        Assert.Equal(300, await scroller.EvaluateAsync<double>("e => e.scrollTop"));
        await fixture.ScreenshotAsync(page, "live-held");

        await page.GetByTestId("newest-button").ClickAsync();

        await Assertions.Expect(status).ToHaveTextAsync("Live");
        Assert.Equal(0, await scroller.EvaluateAsync<double>("e => e.scrollTop"));
        await Assertions.Expect(page.GetByTestId("newest-button")).ToHaveCountAsync(0);
        // What arrived while held is on top now.
        await WaitUntilAsync(async () => await FirstRowTextAsync(page) != newest, "the newest rows after the hold");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task GridScrolledToItsEnd_OlderRowsListedAfterItUntilBackToNewest()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("live");
        await WaitForInteractiveAsync(page);
        var count = page.GetByTestId("live-count");
        var end = page.GetByTestId("grid-end");
        var scroller = page.Locator(".ae-live-grid .ae-grid-scroll-body");
        // The demo's backfill holds more than a page of events: the grid lists the newest page of them.
        await Assertions.Expect(count).ToContainTextAsync("the newest 500 listed");

        await scroller.EvaluateAsync("e => e.scrollTop = e.scrollHeight");

        // Held, the total stands still (at the rows' snapshot); reaching the end lists the next page after the rows.
        await Assertions.Expect(page.GetByTestId("live-status")).ToContainTextAsync("Held while you scroll");
        var total = Total(await count.InnerTextAsync());
        Assert.True(total > 500, $"{total} events");
        await ExpectListedAsync(Math.Min(total, 1000));

        // At the new end again: the next page, or (everything listed) the end of the list, in the grid's view.
        await scroller.EvaluateAsync("e => e.scrollTop = e.scrollHeight");
        await ExpectListedAsync(Math.Min(total, 1500));
        if (total <= 1500)
        {
            await WaitUntilAsync(
                () => scroller.EvaluateAsync<bool>("e => { const r = e.querySelector('[data-testid=grid-end]').getBoundingClientRect(), s = e.getBoundingClientRect(); return r.top >= s.top && r.bottom <= s.bottom + 1; }"),
                "the end of the list in the grid's view");
        }

        await fixture.ScreenshotAsync(page, "live-older");

        await page.GetByTestId("newest-button").ClickAsync();

        await Assertions.Expect(page.GetByTestId("live-status")).ToHaveTextAsync("Live");
        await Assertions.Expect(count).ToContainTextAsync("the newest 500 listed");
        await page.Context.CloseAsync();

        async Task ExpectListedAsync(int listed)
        {
            if (listed < total)
            {
                await Assertions.Expect(count).ToContainTextAsync($"the newest {N(listed)} listed");
                await Assertions.Expect(end).ToContainTextAsync($"{N(listed)} of {N(total)} listed");
            }
            else
            {
                await Assertions.Expect(count).ToHaveTextAsync(new Regex($"^{N(total)} events match · updated"));
                await Assertions.Expect(end).ToHaveTextAsync($"All {N(total)} matching events listed.");
            }
        }
    }

    [Fact]
    public async Task Navigation_ClickEveryMenuItem_EachPageRendersItsHeading()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await WaitForInteractiveAsync(page);
        var expected = new (string Menu, string Path, string Heading)[]
        {
            ("Live", "/live", "Live traffic"),
            ("Failures", "/failures", "Failure reasons"),
            ("Journeys", "/journeys", "Journeys"),
            ("People", "/people", "People"),
            ("Sessions", "/sessions", "Sessions"),
            ("Sources", "/sources", "Sources"),
            ("Audit", "/audit", "Audit trail"),
            ("Overview", "/", "Overview"),
        };

        foreach (var (menu, path, heading) in expected)
        {
            await page.GetByTestId("nav-" + menu.ToLowerInvariant()).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CircuitPaused_ResumeOffered_ThenPageAnswersAgain()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("live");
        await WaitForInteractiveAsync(page);
        var modal = page.Locator("#components-reconnect-modal");

        // .NET 10's graceful pause, as the server asks for it when a circuit has been idle.
        Assert.True(await page.EvaluateAsync<bool>("() => Blazor.pauseCircuit()"));

        await Assertions.Expect(modal).ToHaveClassAsync(new Regex("components-reconnect-paused"));
        await Assertions.Expect(modal.GetByText("This session is paused")).ToBeVisibleAsync();
        await Assertions.Expect(modal.GetByText("Connection to the server lost")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("html[data-interactive]")).ToHaveCountAsync(0);
        await fixture.ScreenshotAsync(page, "paused");
        await modal.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();

        await Assertions.Expect(modal).ToBeHiddenAsync();
        // The resumed circuit is a new one: a click before it has rendered the page would find no handler.
        await page.Locator("html[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("pause-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("live-status")).ToContainTextAsync("Paused");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ConnectionDropped_ReconnectUiShows_ThenSameCircuitRecovers()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("live");
        await WaitForInteractiveAsync(page);
        await page.GetByTestId("pause-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("live-status")).ToContainTextAsync("Paused");
        var modal = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(modal).ToBeHiddenAsync();

        await fixture.Server.Proxy.CutAsync();
        try
        {
            // .NET 10's contract: the client sets the state class and raises components-reconnect-state-changed, on
            // which reconnect.js opens the dialog.
            await Assertions.Expect(modal).ToHaveAttributeAsync("open", "");
            await Assertions.Expect(modal).ToHaveClassAsync(new Regex("components-reconnect-(show|retrying)"));
            await Assertions.Expect(modal.GetByText("Connection to the server lost")).ToBeVisibleAsync();
            await Assertions.Expect(modal.GetByRole(AriaRole.Button, new() { Name = "Resume" })).ToBeHiddenAsync();
            await fixture.ScreenshotAsync(page, "reconnecting");
        }
        finally
        {
            fixture.Server.Proxy.Restore();
        }

        await Assertions.Expect(modal).ToBeHiddenAsync();
        await Assertions.Expect(modal).ToHaveClassAsync(new Regex("components-reconnect-hide"));
        // The server kept the circuit: the paused state survived, and the page still answers clicks.
        await Assertions.Expect(page.GetByTestId("live-status")).ToContainTextAsync("Paused");
        await page.GetByTestId("pause-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("live-status")).ToHaveTextAsync("Live");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ThemeSwitch_Dark_AppliesAndPersistsAcrossReload()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("kpi-tiles")).ToBeVisibleAsync();

        await page.Locator("[data-theme-option=dark]").ClickAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme-mode", "dark");
        // MudBlazor's palette follows the same choice, from the static dark stylesheet.
        Assert.Equal("rgba(17,19,24,1)", await MudPaletteAsync(page, "background"));
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        await page.ReloadAsync();
        // The theme buttons answer once the reloaded page is interactive; a click on the prerendered page does nothing.
        await WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme-mode", "dark");
        Assert.Equal(background, await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        Assert.True(IsDark(background), $"expected a dark background, got {background}");
        await fixture.ScreenshotAsync(page, "overview-dark");

        await page.Locator("[data-theme-option=light]").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme-mode", "light");
        Assert.False(IsDark(await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor")));
        Assert.Equal("rgba(246,247,249,1)", await MudPaletteAsync(page, "background"));
        await fixture.ScreenshotAsync(page, "overview-light");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SystemTheme_OsSwitchesToDark_MudPaletteFollowsWithoutAReload()
    {
        var page = await fixture.NewPageAsync(colorScheme: "light");
        await page.GotoAsync("/");
        await WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme-mode", "system");
        Assert.Equal("rgba(246,247,249,1)", await MudPaletteAsync(page, "background"));

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });

        Assert.Equal("rgba(17,19,24,1)", await MudPaletteAsync(page, "background"));
        Assert.True(IsDark(await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.mud-appbar')).backgroundColor")));
        await page.Context.CloseAsync();
    }

    private static async Task<string> MudPaletteAsync(IPage page, string name) =>
        (await page.EvaluateAsync<string>($"() => getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-{name}')")).Trim().ToLowerInvariant();

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task EveryPage_BothThemes_RendersWithoutConsoleErrors(string theme)
    {
        var page = await fixture.NewPageAsync(colorScheme: theme);
        var pages = new (string Path, string Name)[]
        {
            ("/", "overview"), ("live", "live"), ("failures", "failures"), ("journeys", "journeys"),
            ("people", "people"), ("sessions", "sessions"), ("sources", "sources"), ("audit", "audit"),
        };

        foreach (var (path, name) in pages)
        {
            await page.GotoAsync(path);
            await WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
            await fixture.ScreenshotAsync(page, $"tour-{name}-{theme}");
        }

        // The first person and session in the lists open their own pages.
        await page.GotoAsync("people");
        await WaitForInteractiveAsync(page);
        await page.GetByTestId("actor-grid").Locator("tbody a").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/people/.+"));
        await Assertions.Expect(page.GetByTestId("person-timeline").Locator("tbody tr").First).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, $"tour-person-{theme}");
        await page.GotoAsync("sessions");
        await WaitForInteractiveAsync(page);
        await page.GetByTestId("actor-grid").Locator("tbody a").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sessions/.+"));
        await Assertions.Expect(page.GetByTestId("session-events").Locator("tbody tr").First).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, $"tour-session-{theme}");
        Assert.Empty(fixture.ConsoleMessages(page));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task EveryPage_Axe_NoSeriousOrCriticalViolations(string theme)
    {
        var axe = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../wwwroot-assets/node_modules/axe-core/axe.min.js"));
        Assert.True(File.Exists(axe), $"axe-core not installed at {axe}: run npm ci in wwwroot-assets.");
        var page = await fixture.NewPageAsync(colorScheme: theme);
        await BrowserFixture.AddTestScriptAsync(page, axe);
        var failures = new List<string>();

        foreach (var path in new[] { "/", "live", "failures", "journeys", "journeys/catalog", "people", "sessions", "sources", "audit" })
        {
            await page.GotoAsync(path);
            await WaitForInteractiveAsync(page);
            var violations = await page.EvaluateAsync<JsonElement>(
                "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
                ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
                ".map(v => `${v.id} (${v.impact}): ${v.nodes.length} × ${[...new Set(v.nodes.map(n => n.target.join(' ').replace(/#[A-Za-z0-9_-]+/g, '#id').replace(/:nth-child\\(\\d+\\)/g, '')))].slice(0, 4).join(' | ')}`)");
            failures.AddRange(violations.EnumerateArray().Select(v => $"{path} [{theme}]: {v.GetString()}"));
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SourcesPage_ReplayAll_RequeuesQuarantineAndShowsTheReplayCount()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("sources");
        await WaitForInteractiveAsync(page);
        var grid = page.GetByTestId("quarantine-grid");
        // Demo traffic includes malformed payloads: wait until at least one is quarantined.
        await Assertions.Expect(grid.Locator("tbody tr button").First).ToBeVisibleAsync();

        await page.GetByTestId("replay-all").ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("sent through the normalizers again");
        // Demo malformed records stay malformed: they come back to the quarantine, now counted as replayed once.
        await WaitUntilAsync(
            async () => (await grid.Locator("tbody tr td:nth-child(5)").AllInnerTextsAsync()).Any(t => t.Trim() == "1"),
            "a quarantined record shown as replayed once");
        await fixture.ScreenshotAsync(page, "sources-replayed");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Healthz_Running_ReportsStoreAndEverySource()
    {
        using var client = new HttpClient { BaseAddress = fixture.Server.DirectAddress };

        using var response = await client.GetAsync(new Uri("healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", json.RootElement.GetProperty("store").GetProperty("state").GetString());
        var sources = json.RootElement.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("source").GetString()).ToList();
        Assert.Equal(["LoginGov", "OnePassword", "Entrust", "FusionAuth"], sources);
    }

    private Task WaitForInteractiveAsync(IPage page) => fixture.WaitForInteractiveAsync(page);

    private static async Task<string> FirstRowTextAsync(IPage page) =>
        await page.GetByTestId("event-grid").Locator("tbody tr[data-event-id]").First.InnerTextAsync();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + BrowserFixture.HangGuard;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"Timed out waiting for {what}.");
    }

    private static string N(int value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    private static int Total(string countText) =>
        int.Parse(countText.Split(' ')[0], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);

    private static int PausedCount(string status)
    {
        var match = CountPattern().Match(status);
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    private static bool IsDark(string rgb)
    {
        var parts = RgbPattern().Matches(rgb).Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).Take(3).ToArray();
        return parts.Length == 3 && parts.Average() < 100;
    }

    [GeneratedRegex(@"(?:Paused|Held while you scroll) · ([\d,]+) new")]
    private static partial Regex CountPattern();

    [GeneratedRegex(@"\d+")]
    private static partial Regex RgbPattern();
}
