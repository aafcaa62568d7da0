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
}
