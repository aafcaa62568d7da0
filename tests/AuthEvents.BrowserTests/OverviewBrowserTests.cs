using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AuthEvents.BrowserTests;

/// <summary>The manager's overview: KPI tiles and charts from demo data, each leading to its events.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class OverviewBrowserTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task Overview_DemoTraffic_TilesAndChartsRenderWithData(string theme)
    {
        var page = await fixture.NewPageAsync(colorScheme: theme);
        await page.GotoAsync("/?range=1h");
        await fixture.WaitForInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("kpi-attempts").Locator(".ae-tile-value")).Not.ToHaveTextAsync("0");
        foreach (var chart in new[] { "attempts-chart", "milestone-chart", "sources-chart", "reasons-chart" })
        {
            await Assertions.Expect(page.GetByTestId(chart).Locator(".apexcharts-svg").First).ToBeVisibleAsync();
            Assert.True(int.Parse(await page.GetByTestId(chart).GetAttributeAsync("data-points") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 0, chart);
        }

        Assert.Equal(7, await page.GetByTestId("kpi-tiles").Locator("a").CountAsync());
        // Axis labels are categories or formatted values, never a number formatter applied to a category name.
        var labels = await page.Locator(".apexcharts-xaxis-label, .apexcharts-yaxis-label").AllTextContentsAsync();
        Assert.Contains(labels, l => l.Contains('%', StringComparison.Ordinal));
        Assert.DoesNotContain(labels, l => l.Contains("NaN", StringComparison.Ordinal));
        await fixture.ScreenshotAsync(page, $"overview-{theme}");
        Assert.Empty(fixture.ConsoleMessages(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task KpiTile_Clicked_OpensLiveFilteredToItsEventsInTheSameRange()
    {
        // A failed password of our own, so that the sign-in tile has an event behind it whatever the demo made by now.
        await EntrustWebhooks.SendAndAwaitStoredAsync(fixture.Server, Guid.NewGuid().ToString(), "authentication.failed", "kpi-tile", DateTimeOffset.UtcNow, "198.51.100.7");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/?range=24h");
        await fixture.WaitForInteractiveAsync(page);
        var tile = page.GetByTestId("kpi-signin");
        await Assertions.Expect(tile).ToBeVisibleAsync();

        await tile.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/live\?from=[^&]+&to=[^&]+&milestone=login\.password&milestone=login\.policy&milestone=mfa\.verify&milestone=login\.complete$"));
        // Once the filter has applied, every row is a sign-in milestone.
        var signIn = new Regex(@"login\.(password|policy|complete)|mfa\.verify");
        var rows = page.GetByTestId("event-grid").Locator("tbody tr[data-event-id]");
        await Assertions.Expect(rows.Filter(new() { HasNotTextRegex = signIn })).ToHaveCountAsync(0);
        await Assertions.Expect(rows.First).ToContainTextAsync(signIn);
        Assert.All(await rows.AllInnerTextsAsync(), row => Assert.Matches(signIn, row));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Link_RangeFrom1970_AddressBarShowsTheClampedRangeAndThePageSaysSo()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/?range=custom&from=1970-01-01T00:00:00Z&to=2026-01-01T00:00:00Z");
        await fixture.WaitForInteractiveAsync(page);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/\?from=2024-11-27T00(%3A|:)00(%3A|:)00Z&to=2026-01-01T00(%3A|:)00(%3A|:)00Z$"));
        await Assertions.Expect(page.GetByTestId("url-notice")).ToContainTextAsync("Showing 2024-11-27 00:00 – 2026-01-01 00:00 UTC instead.");
        await Assertions.Expect(page.GetByTestId("kpi-tiles")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("load-error").CountAsync());
        Assert.Empty(fixture.ConsoleMessages(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SourcePicker_Changed_GoesToTheUrlAndNarrowsTheFigures()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/?range=1h&source=Entrust");
        await fixture.WaitForInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("kpi-sources").Locator(".ae-tile-value")).ToHaveTextAsync("1");
        Assert.EndsWith("/?range=1h&source=Entrust", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("sources-chart")).ToContainTextAsync("Entrust");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ChartText_ProviderValueWithMarkup_TooltipAndLegendShowItAsText()
    {
        // A provider's country or event type reaches a chart as a category and a series name; ApexCharts writes its
        // tooltip and legend as HTML. Drawn with the page's own chart module, hovered, and read back.
        const string payload = "<img src=x onerror=\"window.__xss=1\">US";
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/?range=1h");
        await fixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("countries-chart").Locator("[data-chart-ready]")).ToHaveCountAsync(1);

        await page.EvaluateAsync("""
            async payload => {
              const src = performance.getEntriesByType('resource').map(e => e.name).find(n => /\/charts\.[^/]*js/.test(n) || n.includes('charts.js'));
              const charts = await import(src);
              const host = document.createElement('div');
              host.id = 'xss-chart';
              host.style.cssText = 'position: fixed; top: 80px; left: 300px; width: 600px; height: 300px; z-index: 5000; background: white';
              document.body.append(host);
              charts.create(host, { type: 'bar', axis: 'category', categories: [payload], series: [{ name: payload, color: 'p1', data: [5] }, { name: 'Other', color: 'p2', data: [3] }],
                legend: true, height: 260, format: 'number', stacked: false, emptyText: 'none' }, true, { invokeMethodAsync: () => Promise.resolve() });
            }
            """, payload);
        var bar = await page.EvaluateAsync<double[]>("""
            () => {
              const r = document.getElementById('xss-chart').shadowRoot.querySelector('.apexcharts-bar-area').getBoundingClientRect();
              return [r.x + r.width / 2, r.y + r.height / 2];
            }
            """);
        await page.Mouse.MoveAsync((float)bar[0], (float)bar[1]);

        var tooltip = page.Locator("#xss-chart .apexcharts-tooltip-title");
        await Assertions.Expect(tooltip).ToHaveTextAsync(payload);
        await Assertions.Expect(page.Locator("#xss-chart .apexcharts-tooltip-text-y-label").First).ToHaveTextAsync(payload + ":");
        await Assertions.Expect(page.Locator("#xss-chart .apexcharts-legend-text").First).ToHaveTextAsync(payload);
        Assert.Equal(0, await page.Locator("#xss-chart img").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        await page.Context.CloseAsync();
    }
}
