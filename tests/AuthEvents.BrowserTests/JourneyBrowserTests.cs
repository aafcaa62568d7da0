using System.Text.Json;
using System.Text.RegularExpressions;
using AuthEvents.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AuthEvents.BrowserTests;

/// <summary>
/// The journeys pages on the demo server: a funnel, its drop-off list, a person, a session and a pivot, each by
/// clicking, with every URL reopened as a copied link would be.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class JourneyBrowserTests(BrowserFixture fixture)
{
    // The demo server holds ten minutes of history: with a five-minute window, sign-ins that failed more than five
    // minutes ago have stopped, so the first step has drop-offs to click.
    private const string SignInFunnel = "journeys?funnel=sign-in&range=1h&window=5m";

    [Fact]
    public async Task Journeys_FunnelDropOffPersonSessionPivot_EachOpensByClickAndReopensFromItsUrl()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(SignInFunnel);
        await WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Journeys");
        await Assertions.Expect(page.GetByTestId("funnel-steps").Locator("tbody tr")).ToHaveCountAsync(4);

        // A drop-off: the list of people who stopped at the first step.
        var dropOff = page.GetByTestId("dropoff-started");
        await WaitUntilAsync(async () =>
        {
            if (await dropOff.CountAsync() > 0)
            {
                return true;
            }

            await page.ReloadAsync();
            await WaitForInteractiveAsync(page);
            return false;
        }, "a drop-off at the first sign-in step");
        await dropOff.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(SignInFunnel) + "&dropoff=started$"));
        var list = page.GetByTestId("journey-list");
        await Assertions.Expect(list).ToContainTextAsync("People who stopped at \u201cSign-in started\u201d");
        // Someone who stopped on a failure, so that their failures-only timeline has rows.
        var person = page.GetByTestId("journey-people").Locator("tbody tr:has(.ae-reason) a").First;
        await Assertions.Expect(person).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "journeys-dropoff-light");

        // The copied link opens the same view.
        var funnelUrl = page.Url;
        await page.GotoAsync(funnelUrl);
        await WaitForInteractiveAsync(page);
        Assert.Equal(funnelUrl, page.Url);
        await Assertions.Expect(list).ToContainTextAsync("People who stopped at \u201cSign-in started\u201d");

        // A person from the list.
        await person.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/people/[^?]+$"));
        await Assertions.Expect(page.GetByTestId("identity-links")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("person-timeline").Locator("tbody tr").First).ToBeVisibleAsync();
        await page.GetByTestId("person-failures").GetByText("Failures only").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/people/[^?]+\\?failures=true$"));
        var personUrl = page.Url;
        await page.GotoAsync(personUrl);
        await WaitForInteractiveAsync(page);
        Assert.Equal(personUrl, page.Url);
        await Assertions.Expect(page.GetByTestId("person-timeline").Locator(".rz-state-fail, .ae-outcome-failure, .ae-outcome-ratelimited").First).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "person-light");

        // A session: from a person's timeline where it has one, otherwise from the sessions list.
        await OpenAnySessionAsync(page);
        await Assertions.Expect(page.GetByTestId("session-events").Locator("tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("session-stopped")).ToContainTextAsync("Where it stopped");
        var sessionUrl = page.Url;
        await fixture.ScreenshotAsync(page, "session-light");
        await page.GotoAsync(sessionUrl);
        await WaitForInteractiveAsync(page);
        Assert.Equal(sessionUrl, page.Url);

        // A pivot: another session or person seen with the same IP. Opened on a session that shares its IP, so that the
        // panel has somewhere to go whatever the demo happened to generate by now.
        await page.GotoAsync(AuthEvents.Web.State.DashboardUrls.Session(await SessionSharingAnIpAsync()));
        await WaitForInteractiveAsync(page);
        sessionUrl = page.Url;
        var pivot = page.GetByTestId("pivot-session").First;
        await Assertions.Expect(pivot).ToBeVisibleAsync();
        var target = await pivot.GetAttributeAsync("href");
        await pivot.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/(sessions|people)/"));
        Assert.NotEqual(sessionUrl, page.Url);
        Assert.Contains(Uri.UnescapeDataString(target!.Split('/')[1]), Uri.UnescapeDataString(page.Url), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        Assert.Empty(fixture.ConsoleMessages(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Journeys_PickersAndBreakdown_ChangeTheUrlAndBackRestores()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("journeys");
        await WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("funnel-steps")).ToContainTextAsync("Document upload");

        await page.GetByTestId("range-picker").GetByText("24 hours").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/journeys\\?range=24h$"));
        await page.GetByTestId("breakdown-picker").ClickAsync();
        await page.Locator(".rz-dropdown-item", new() { HasTextString = "Source" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/journeys\\?range=24h&breakdown=source$"));
        await Assertions.Expect(page.GetByTestId("funnel-breakdown")).ToContainTextAsync("Login.gov");
        await page.GetByTestId("funnel-picker").ClickAsync();
        await page.Locator(".rz-dropdown-item", new() { HasTextString = "Sign-in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/journeys\\?funnel=sign-in&range=24h&breakdown=source$"));
        await Assertions.Expect(page.GetByTestId("funnel-steps")).ToContainTextAsync("Second factor passed");

        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/journeys\\?range=24h&breakdown=source$"));
        await Assertions.Expect(page.GetByTestId("funnel-steps")).ToContainTextAsync("Document upload");

        // A hand-edited link is normalized in place: unknown values go, the history entry is replaced.
        await page.GotoAsync("journeys?funnel=sign-in&window=1h&breakdown=planet");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/journeys\\?funnel=sign-in$"));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task JourneyPages_BothThemes_RenderWithoutConsoleErrorsOrSeriousAxeViolations(string theme)
    {
        var page = await fixture.NewPageAsync(colorScheme: theme);
        var failures = new List<string>();
        await page.GotoAsync("journeys?range=1h");
        await WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("funnel-steps")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, $"journeys-idv-{theme}");
        failures.AddRange(await AxeAsync(page));

        await page.GotoAsync("journeys?funnel=sign-in&range=1h&breakdown=authenticator");
        await WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("funnel-breakdown")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, $"journeys-breakdown-{theme}");

        await page.GotoAsync("journeys/catalog");
        await WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("catalog-entries")).ToContainTextAsync("idv-enrollment-complete");
        await fixture.ScreenshotAsync(page, $"journeys-catalog-{theme}");
        failures.AddRange(await AxeAsync(page));

        await OpenAnySessionAsync(page);
        await Assertions.Expect(page.GetByTestId("session-events")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, $"session-{theme}");
        failures.AddRange(await AxeAsync(page));

        await page.GetByTestId("session-people").Locator("a").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("person-timeline")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, $"person-{theme}");
        failures.AddRange(await AxeAsync(page));

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Empty(fixture.ConsoleMessages(page));
        await page.Context.CloseAsync();
    }

    /// <summary>Opens the session of the most recent Login.gov sign-in (Login.gov sessions always carry a person).</summary>
    private async Task<string> SessionSharingAnIpAsync()
    {
        var contexts = fixture.Server.Services.GetRequiredService<IDbContextFactory<AuthEventsDbContext>>();
        string? session = null;
        await WaitUntilAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            var ip = await db.Events.Where(e => e.Ip != null && e.SessionKey != null)
                .GroupBy(e => e.Ip)
                .Where(g => g.Select(e => e.SessionKey).Distinct().Count() > 1)
                .Select(g => g.Key)
                .FirstOrDefaultAsync();
            session = ip is null ? null : await db.Events.Where(e => e.Ip == ip && e.SessionKey != null).Select(e => e.SessionKey).FirstAsync();
            return session is not null;
        }, "two sessions seen from one IP");
        return session!;
    }

    private async Task OpenAnySessionAsync(IPage page)
    {
        await page.GotoAsync("sessions");
        await WaitForInteractiveAsync(page);
        var first = page.GetByTestId("actor-grid").Locator("tbody a").First;
        await Assertions.Expect(first).ToBeVisibleAsync();
        await first.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sessions/.+"));
        await WaitForInteractiveAsync(page);
    }

    private static async Task<IEnumerable<string>> AxeAsync(IPage page)
    {
        var axe = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../wwwroot-assets/node_modules/axe-core/axe.min.js"));
        await page.AddScriptTagAsync(new() { Path = axe });
        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
            ".map(v => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)");
        var path = new Uri(page.Url).PathAndQuery;
        return violations.EnumerateArray().Select(v => $"{path}: {v.GetString()}").ToList();
    }

    private async Task WaitForInteractiveAsync(IPage page)
    {
        // The layout marks the page once its circuit has rendered it interactively and JS interop answers.
        await page.Locator("html[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var messages = fixture.ConsoleMessages(page);
        Assert.True(messages.Count == 0, "Browser console: " + string.Join(" | ", messages.Take(5)));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + BrowserFixture.HangGuard;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(1000);
        }

        Assert.Fail($"Timed out waiting for {what}.");
    }
}
