using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AuthEvents.BrowserTests;

/// <summary>The failures page: breakdown tree, reasons chart, URL state, comparison and export, on demo traffic.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class FailuresBrowserTests(BrowserFixture fixture)
{
    

    [Fact]
    public async Task Tree_DemoData_ShowsSourcesWithCountsSharesAndTrends()
    {
        var page = await OpenAsync("failures?range=1h");
        var tree = page.GetByTestId("failure-tree");

        var sources = tree.Locator("tr[data-level=source]");
        await Assertions.Expect(sources.First).ToBeVisibleAsync();

        var first = await sources.First.Locator("td").AllInnerTextsAsync();
        Assert.True(long.Parse(first[1], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture) > 0, string.Join(" | ", first));
        Assert.Matches(@"\d+(\.\d)? %", first[2]);
        Assert.Equal(await sources.CountAsync(), await tree.Locator("tr[data-level=source] svg.ae-spark").CountAsync());
        // The largest source starts open, showing its event types.
        await Assertions.Expect(tree.Locator("tr[data-level=eventtype]").First).ToBeVisibleAsync();
        await Assertions.Expect(sources.First.GetByTestId("tree-toggle")).ToHaveAttributeAsync("aria-expanded", "true");
        await page.GetByTestId("expand-all").ClickAsync();
        await Assertions.Expect(tree.Locator("tr[data-level=code]").First).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "failures-tree-light");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TreeToggle_Keyboard_CollapsesAndExpandsANode()
    {
        var page = await OpenAsync("failures?range=1h");
        var sources = page.GetByTestId("failure-tree").Locator("tr[data-level=source]");
        await Assertions.Expect(sources.First.GetByTestId("tree-toggle")).ToHaveAttributeAsync("aria-expanded", "true");
        // The open source, by name: the tree re-sorts by count as failures arrive, so "the first" may become another row.
        var name = (await sources.First.GetByTestId("tree-link").InnerTextAsync()).Trim();
        var toggle = sources.Filter(new() { Has = page.GetByTestId("tree-link").GetByText(name, new() { Exact = true }) }).GetByTestId("tree-toggle");

        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(page.GetByTestId("failure-tree").Locator("tr[data-level=eventtype]")).ToHaveCountAsync(0);

        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(page.GetByTestId("failure-tree").Locator("tr[data-level=eventtype]").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TreeNodeLink_ProviderCodeClicked_OpensLiveFilteredToThatCodeWithMatchingRows()
    {
        var page = await OpenAsync("failures?range=1h");
        var tree = page.GetByTestId("failure-tree");
        await Assertions.Expect(tree.Locator("tr[data-level=source]").First).ToBeVisibleAsync();
        await page.GetByTestId("expand-all").ClickAsync();
        await Assertions.Expect(tree.Locator("tr[data-level=code]").First).ToBeVisibleAsync();

        // The first provider code's row, its source's row above it, and the click, in one turn of the page: the tree
        // re-sorts by count as failures arrive, so rows read one by one could be different ones.
        var clicked = await page.EvaluateAsync<string[]>("""
            () => {
              const leaf = document.querySelector('[data-testid=failure-tree] tr[data-level=code]');
              let source = leaf;
              while (source.dataset.level !== 'source') source = source.previousElementSibling;
              const link = leaf.querySelector('[data-testid=tree-link]');
              const read = [link.innerText.trim(), leaf.querySelector('.ae-reason-tag').innerText.trim(), source.querySelector('[data-testid=tree-link]').innerText.trim()];
              link.click();
              return read;
            }
            """);
        var (code, canonical, source) = (clicked[0], clicked[1], clicked[2]);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/live\?from=[^&]+&to=[^&]+&source=\w+&type=[^&]+&outcome=failure&outcome=rate-limited&reason=[^&]+&reasonField=[^&]+&reasonCode=" + Regex.Escape(Uri.EscapeDataString(code)) + "$"));
        await Assertions.Expect(page.GetByTestId("filter-range")).ToHaveValueAsync("Custom");
        var rows = page.GetByTestId("event-grid").Locator("tbody tr[data-event-id]");
        // The grid lists canonical reasons; the provider code is in the URL filter above.
        await Assertions.Expect(rows.First).ToContainTextAsync(canonical);
        Assert.All(await rows.AllInnerTextsAsync(), row =>
        {
            Assert.Contains(canonical, row, StringComparison.Ordinal);
            Assert.Contains(source, row, StringComparison.Ordinal);
        });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ReasonsChart_DemoData_DrawsStackedBarsThatOpenLive()
    {
        var page = await OpenAsync("failures?range=1h");
        var chart = page.GetByTestId("reasons-chart");

        await Assertions.Expect(chart.Locator(".apexcharts-bar-area:not([val='0'])").First).ToBeVisibleAsync();

        Assert.True(int.Parse(await chart.GetAttributeAsync("data-points") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 0);
        await Assertions.Expect(chart.Locator(".apexcharts-legend")).ToBeVisibleAsync();
        // The centre of the newest bar tall enough to hit.
        var point = await page.EvaluateAsync<double[]>("""
            () => {
              // The chart draws in a shadow root (see charts.js).
              const root = document.querySelector('[data-testid=reasons-chart] [data-chart-ready]').shadowRoot;
              const bars = [...root.querySelectorAll('.apexcharts-bar-area')]
                .map(b => b.getBoundingClientRect()).filter(r => r.height >= 3 && r.width >= 2);
              const r = bars.sort((a, b) => a.x - b.x)[bars.length - 1];
              return [r.x + r.width / 2, r.y + r.height / 2];
            }
            """);
        await page.Mouse.ClickAsync((float)point[0], (float)point[1]);
        // A bar of one reason, or of the long tail's series, which opens all of its reasons.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/live\?from=[^&]+&to=[^&]+&outcome=failure&outcome=rate-limited(&reason=[a-z-]+)+$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Url_GroupingAndComparisonChosen_ReloadRestoresTheSameView()
    {
        var page = await OpenAsync("failures?range=1h");
        await Assertions.Expect(page.GetByTestId("failure-tree").Locator("tr").Nth(1)).ToBeVisibleAsync();

        await page.GetByTestId("group-reason").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/failures\?range=1h&group=reason$"));
        await Assertions.Expect(page.GetByTestId("failure-tree")).ToHaveAttributeAsync("data-grouping", "reason");
        await page.GetByTestId("failures-compare").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Compare: previous equal range" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/failures\?range=1h&group=reason&compare=previous$"));
        await Assertions.Expect(page.GetByTestId("comparison-table").Locator("tbody tr").First).ToBeVisibleAsync();
        var url = page.Url;

        await page.ReloadAsync();
        await fixture.WaitForInteractiveAsync(page);
        await Interactive(page).WaitForAsync();

        Assert.Equal(url, page.Url);
        await Assertions.Expect(page.GetByTestId("group-reason")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.GetByTestId("failure-tree")).ToHaveAttributeAsync("data-grouping", "reason");
        await Assertions.Expect(page.GetByTestId("failure-tree").Locator("tr[data-level=canonical]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("failures-compare")).ToHaveValueAsync("Compare: previous equal range");
        var total = page.GetByTestId("comparison-table").Locator("tfoot tr");
        await Assertions.Expect(total).ToContainTextAsync("All failure reasons");
        await page.GetByTestId("comparison-table").GetByTestId("compare-toggle").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("comparison-table").Locator("tbody tr[data-depth='1']").First).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "failures-compare-light");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CustomBaseline_PrefilledAndApplied_GoesToTheUrlAndTheComparisonUsesIt()
    {
        var page = await OpenAsync("failures?range=1h");

        await page.GetByTestId("failures-compare").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Compare: custom baseline…" }).ClickAsync();
        await page.GetByTestId("baseline-apply").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(
            new Regex(@"/failures\?range=1h&compare=custom&baseFrom=\d{4}-\d\d-\d\dT\d\d%3A\d\d%3A00Z&baseTo=[^&]+$"));
        await Assertions.Expect(page.Locator("#compare-title")).ToHaveTextAsync("This range against a custom baseline");
        await Assertions.Expect(page.GetByTestId("comparison-table").Locator("tbody tr").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ExportLink_OneSource_CsvHoldsOnlyItsFailedAndRateLimitedEvents()
    {
        var page = await OpenAsync("failures?range=1h&source=LoginGov");
        var href = await page.GetByTestId("export-link").GetAttributeAsync("href");
        Assert.NotNull(href);
        Assert.Matches(@"^api/events\?format=csv&from=[^&]+&to=[^&]+&source=LoginGov&outcome=failure&outcome=rate-limited$", href);

        var response = await page.APIRequest.GetAsync(href);

        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/csv", response.Headers["content-type"], StringComparison.Ordinal);
        var lines = (await response.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var (outcome, source) = (Array.IndexOf(header, "outcome"), Array.IndexOf(header, "source"));
        Assert.True(outcome >= 0 && source >= 0, lines[0]);
        Assert.True(lines.Length > 1, "the export has no rows");
        Assert.All(lines.Skip(1), line =>
        {
            var cells = line.Split(',');
            Assert.Contains(cells[outcome], new[] { "failure", "rate-limited" });
            Assert.Equal("LoginGov", cells[source]);
        });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DarkTheme_ReasonsWithComparison_RendersWithoutConsoleErrors()
    {
        var page = await OpenAsync("failures?range=1h&group=reason&compare=previous", "dark");
        await Assertions.Expect(page.GetByTestId("reasons-chart").Locator(".apexcharts-bar-area:not([val='0'])").First).ToBeVisibleAsync();
        await page.GetByTestId("expand-all").ClickAsync();
        await Assertions.Expect(page.GetByTestId("failure-tree").Locator("tr[data-level=code]").First).ToBeVisibleAsync();

        await Assertions.Expect(page.GetByTestId("comparison-table").Locator("tbody tr").First).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "failures-dark");
        await page.SetViewportSizeAsync(1440, 2400);
        await fixture.ScreenshotAsync(page, "failures-dark-full");

        Assert.Empty(fixture.ConsoleMessages(page));
        await page.Context.CloseAsync();
    }

    // The prerendered page already shows data; clicks count only once the circuit has rendered it.
    private static ILocator Interactive(IPage page) => page.Locator("[data-testid=tree-card][data-interactive=true]");

    private async Task<IPage> OpenAsync(string path, string? theme = null)
    {
        var page = await fixture.NewPageAsync(theme);
        await page.GotoAsync(path);
        await fixture.WaitForInteractiveAsync(page);
        await Interactive(page).WaitForAsync();
        return page;
    }
}
