using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using AuthEvents.Core.Events;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AuthEvents.BrowserTests;

/// <summary>
/// A provider's own values carrying markup (country, city, user agent, event type, failure code, the domain of an
/// e-mail address, a session key, a record id) are text on every page that shows them and in the charts' tooltips:
/// nothing of them becomes an element (in the page or in a chart's shadow root), no script of theirs runs, no link
/// leads to a <c>javascript:</c> URL, and the export writes them as quoted text with spreadsheet formulas defused.
/// The values arrive as providers send them: FusionAuth through its signed webhook, 1Password through the inbox its
/// poller writes to (its sign-ins carry sessions, which a webhook provider's do not).
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class XssBrowserTests(BrowserFixture fixture)
{
    private const string Img = "<img src=x onerror=\"window.__xss=1\">";
    private const string Script = "\"><script>window.__xss=1</script>";
    private const string Js = "javascript:window.__xss=1";
    private const string Formula = "=HYPERLINK(\"javascript:window.__xss=1\",\"open\")";
    private const string AtFormula = "@SUM(1+1)*cmd|' /C calc'!A0";
    private const string MinusFormula = "-2+3+cmd|' /C calc'!A0";

    // Everything that could have become markup or a script: an element made of a payload, an inline handler that
    // names the payload's variable, or a javascript: address; searched in the page and every chart's shadow root.
    private const string FindInjected = """
        () => {
          const found = [];
          const visit = root => {
            for (const el of root.querySelectorAll('*')) {
              const name = el.localName;
              if (name === 'img' && el.getAttribute('src') === 'x') found.push('img[src=x]');
              if (name === 'script' && el.textContent.includes('__xss')) found.push('script');
              for (const a of el.attributes) {
                if (a.name.startsWith('on') && a.value.includes('__xss')) found.push(`${name}[${a.name}]`);
              }
              const url = typeof el.href === 'string' ? el.href : el.href?.baseVal;
              if (url && url.trim().toLowerCase().startsWith('javascript:')) found.push(`${name}[href=${url}]`);
              if (el.shadowRoot) visit(el.shadowRoot);
            }
          };
          visit(document);
          return found;
        }
        """;

    // The centre of the bar drawn beside a chart's category label (horizontal bars): where a user hovers for its tooltip.
    private const string BarBesideLabel = """
        (figure, text) => {
          const root = figure.querySelector('[data-chart-ready]').shadowRoot;
          const label = [...root.querySelectorAll('.apexcharts-yaxis-label')].find(l => l.textContent.includes(text));
          const box = label.getBoundingClientRect();
          const y = box.top + box.height / 2;
          const bars = [...root.querySelectorAll('.apexcharts-bar-area')].map(b => b.getBoundingClientRect()).filter(r => r.width > 0);
          bars.sort((a, b) => Math.abs(a.top + a.height / 2 - y) - Math.abs(b.top + b.height / 2 - y));
          return [bars[0].left + bars[0].width / 2, bars[0].top + bars[0].height / 2];
        }
        """;

    // The values are put in once per dashboard server, for every test here.
    private static readonly ConditionalWeakTable<DashboardServer, Task<Planted>> Sent = [];

    [Fact]
    public async Task Overview_CountryAndMfaMethodWithMarkup_ChartLabelsAndTooltipsShowThemAsText()
    {
        var planted = await PlantedAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/?" + planted.Range);
        await fixture.WaitForInteractiveAsync(page);

        foreach (var chart in new[] { "countries-chart", "mfa-chart" })
        {
            var figure = page.GetByTestId(chart);
            var label = figure.Locator(".apexcharts-yaxis-label").Filter(new() { HasText = "<img src=x" });
            await Assertions.Expect(label).ToHaveCountAsync(1);
            await figure.ScrollIntoViewIfNeededAsync();
            var bar = await figure.EvaluateAsync<double[]>(BarBesideLabel, "<img src=x");

            await page.Mouse.MoveAsync((float)bar[0], (float)bar[1]);

            await Assertions.Expect(figure.Locator(".apexcharts-tooltip-title")).ToHaveTextAsync(Img);
            await Assertions.Expect(figure.Locator(".apexcharts-tooltip.apexcharts-active")).ToBeVisibleAsync();
        }

        await AssertInertAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Live_ProviderValuesWithMarkup_GridAndDetailShowThemAsText()
    {
        var planted = await PlantedAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"live?{planted.Range}&event={planted.TypeEventId}");
        await fixture.WaitForInteractiveAsync(page);

        var detail = page.GetByTestId("event-detail");
        await Assertions.Expect(detail.Locator(".ae-detail-title")).ToHaveTextAsync(Script);
        await Assertions.Expect(detail).ToContainTextAsync($"{Script}, {Img}");
        // The user agent, alone in its field.
        await Assertions.Expect(detail.Locator("dd").GetByText(Img, new() { Exact = true })).ToHaveCountAsync(1);
        await Assertions.Expect(detail.GetByTestId("detail-person")).ToHaveTextAsync("a***@" + Img);
        var grid = page.GetByTestId("event-grid");
        await ShowsAsTextAsync(grid, Script);
        await ShowsAsTextAsync(grid, Img);
        await ShowsAsTextAsync(grid, "a***@" + Img);
        // The session key, shortened: "javascript…".
        await ShowsAsTextAsync(grid, Js[..10]);
        await AssertInertAsync(page);
        await fixture.ScreenshotAsync(page, "xss-live");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Failures_ProviderCodesWithMarkup_TreeShowsThemAsText()
    {
        var planted = await PlantedAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"failures?{planted.Range}");
        await fixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=tree-card][data-interactive=true]")).ToHaveCountAsync(1);

        await page.GetByTestId("expand-all").ClickAsync();

        var tree = page.GetByTestId("failure-tree");
        await Assertions.Expect(tree.GetByTestId("tree-link").Filter(new() { HasText = Img })).ToHaveCountAsync(3);
        await ShowsAsTextAsync(tree, Img);
        await AssertInertAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Journeys_CountryWithMarkup_BreakdownShowsItAsText()
    {
        var planted = await PlantedAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"journeys?funnel=sign-in&{planted.Range}&breakdown=country");
        await fixture.WaitForInteractiveAsync(page);

        var breakdown = page.GetByTestId("funnel-breakdown");
        await Assertions.Expect(breakdown.Locator("tbody th").Filter(new() { HasText = Img })).ToHaveCountAsync(1);
        await ShowsAsTextAsync(breakdown, Img);
        await AssertInertAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PeopleAndSessions_LabelAndKeyWithMarkup_ListsShowThemAsText()
    {
        await PlantedAsync();
        // The sessions list shows the most recent 200: the planted session is used again now, so that it is among them.
        await WriteOnePasswordAsync(fixture.Server, "touch", DateTimeOffset.UtcNow);
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("sessions");
        await fixture.WaitForInteractiveAsync(page);
        // Listed by its person's masked e-mail, its key in the title; the key is escaped into a path of this dashboard.
        var session = page.GetByTestId("actor-grid").Locator("a[href='sessions/javascript%3Awindow.__xss%3D1']");
        await Assertions.Expect(session).ToHaveTextAsync("b***@" + Img);
        Assert.Equal(Js, await session.GetAttributeAsync("title"));
        await AssertInertAsync(page);

        await page.GotoAsync("people");
        await fixture.WaitForInteractiveAsync(page);
        await ShowsAsTextAsync(page.GetByTestId("actor-grid"), "a***@" + Img);
        await AssertInertAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PersonSessionAndAudit_ProviderValuesWithMarkup_PagesShowThemAsText()
    {
        var planted = await PlantedAsync();
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("people/" + Uri.EscapeDataString(planted.PersonKey));
        await fixture.WaitForInteractiveAsync(page);
        var timeline = page.GetByTestId("person-timeline");
        await ShowsAsTextAsync(timeline, Script);
        await ShowsAsTextAsync(timeline, Formula);
        await ShowsAsTextAsync(timeline, $"{Script}, {Img}");
        await ShowsAsTextAsync(page.Locator(".ae-usage-grid"), Img);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("a***@" + Img);
        Assert.Equal($"a***@{Img} · AuthEvents", await page.TitleAsync());
        await AssertInertAsync(page);

        await page.GotoAsync("sessions/" + Uri.EscapeDataString(Js));
        await fixture.WaitForInteractiveAsync(page);
        await ShowsAsTextAsync(page.Locator(".ae-page-header"), Js);
        var events = page.GetByTestId("session-events");
        await ShowsAsTextAsync(events, $"{Script}, {Img}");
        await ShowsAsTextAsync(page.GetByTestId("session-people"), "b***@" + Img);
        await AssertInertAsync(page);

        // Opening them was recorded: the audit trail names the session key, as text.
        await page.GotoAsync("audit?action=session-opened");
        await fixture.WaitForInteractiveAsync(page);
        await ShowsAsTextAsync(page.GetByTestId("audit-table"), Js);
        await AssertInertAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Links_QueryAndRouteValuesWithMarkup_ShownAsText()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"live?reasonField={Uri.EscapeDataString(Img)}&reasonCode={Uri.EscapeDataString(Script)}&q={Uri.EscapeDataString(Img)}");
        await fixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("filter-reason-code")).ToContainTextAsync($"{Img}: {Script}");
        await Assertions.Expect(page.Locator("input[data-testid=filter-text]")).ToHaveValueAsync(Img);
        await AssertInertAsync(page);

        await page.GotoAsync("people/" + Uri.EscapeDataString(Img));
        await fixture.WaitForInteractiveAsync(page);
        await ShowsAsTextAsync(page.Locator(".ae-page-header"), Img);
        await AssertInertAsync(page);

        await page.GotoAsync("audit?user=" + Uri.EscapeDataString(Script));
        await fixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("input[data-testid=audit-user]")).ToHaveValueAsync(Script);
        await AssertInertAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Sources_QuarantinedRecordIdWithMarkup_ShownAsText()
    {
        await PlantedAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("sources?quarantine=FusionAuth");
        await fixture.WaitForInteractiveAsync(page);

        await ShowsAsTextAsync(page.GetByTestId("quarantine-grid"), Img);
        await AssertInertAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Export_ProviderValuesWithMarkupAndFormulas_QuotedTextWithFormulasDefused()
    {
        var planted = await PlantedAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"live?{planted.Range}");
        await fixture.WaitForInteractiveAsync(page);
        var href = await page.GetByTestId("export-link").GetAttributeAsync("href");

        var response = await page.APIRequest.GetAsync(href!);

        Assert.Equal(200, response.Status);
        var csv = await response.TextAsync();
        // RFC 4180: a value with quotes is quoted, its quotes doubled; it stays one value.
        Assert.Contains("\"<img src=x onerror=\"\"window.__xss=1\"\">\"", csv, StringComparison.Ordinal);
        var rows = ReadCsv(csv);
        var header = rows[0];
        var ours = rows.Skip(1).Where(r => r[header.IndexOf("providerEventId")].StartsWith("xss-", StringComparison.Ordinal)).ToList();
        Assert.Equal(planted.FusionAuthEvents, ours.Count);
        Assert.Contains(ours, r => r[header.IndexOf("country")] == Img && r[header.IndexOf("city")] == Script);
        var formula = Assert.Single(ours, r => r[header.IndexOf("eventType")].Contains("HYPERLINK", StringComparison.Ordinal));
        Assert.Equal(("'" + Formula, "'" + AtFormula, "'" + MinusFormula),
            (formula[header.IndexOf("eventType")], formula[header.IndexOf("authenticator")], formula[header.IndexOf("city")]));
        // No value of any row starts a formula.
        Assert.All(rows.Skip(1).SelectMany(r => r), v => Assert.False(v.Length > 0 && v[0] is '=' or '+' or '-' or '@', v));
        await page.Context.CloseAsync();
    }

    private async Task AssertInertAsync(IPage page)
    {
        Assert.Empty(await page.EvaluateAsync<string[]>(FindInjected));
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"), "A payload's script ran.");
        Assert.DoesNotContain(fixture.ConsoleMessages(page), m => m.Contains("__xss", StringComparison.Ordinal));
    }

    private static Task ShowsAsTextAsync(ILocator scope, string text) =>
        Assertions.Expect(scope.GetByText(text).Filter(new() { Visible = true }).First).ToBeVisibleAsync();

    private Task<Planted> PlantedAsync() => Sent.GetValue(fixture.Server, PlantAsync);

    /// <summary>
    /// One whole second a little in the past holds every planted event, so that a range of that second shows them
    /// among few demo events (a chart's top ten included): FusionAuth sign-in failures with the markup in the country,
    /// city, user agent, failure code and e-mail domain; an MFA failure whose method is markup; an event whose type is
    /// markup and one whose type is a formula; a 1Password sign-in in a session whose key is a javascript: URL; and a
    /// FusionAuth record whose id is markup and which the normalizer refuses (quarantined).
    /// </summary>
    private static async Task<Planted> PlantAsync(DashboardServer server)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30);
        var user = "xss-user-" + Guid.NewGuid().ToString("N")[..8];
        var ids = new List<string>();
        async Task SendAsync(string type, string city, params (string Key, JsonNode? Value)[] more)
        {
            var id = $"xss-{ids.Count}-{Guid.NewGuid():N}";
            ids.Add(id);
            await FusionAuthWebhooks.SendAsync(server, FusionAuthBody(id, type, at.AddMilliseconds(ids.Count * 10), user, city, more));
        }

        for (var i = 0; i < 8; i++)
        {
            // More failures than the demo's people have: listed on /people, most failures first.
            await SendAsync("user.login.failed", Script, ("reason", new JsonObject { ["code"] = Img }), ("authenticationType", "PASSWORD"));
        }

        await SendAsync("user.two-factor.failed.attempt", Script, ("method", Img));
        await SendAsync(Script, Script);
        await SendAsync(Formula, MinusFormula, ("authenticationType", AtFormula));
        await FusionAuthWebhooks.SendAsync(server, new JsonObject
        {
            ["event"] = new JsonObject { ["id"] = Img, ["createInstant"] = at.ToUnixTimeMilliseconds(), ["user"] = new JsonObject { ["id"] = user } },
        }.ToJsonString());
        var onePassword = await WriteOnePasswordAsync(server, "first", at.AddMilliseconds(500));

        var contexts = server.Services.GetRequiredService<IDbContextFactory<AuthEventsDbContext>>();
        var guard = DateTime.UtcNow + BrowserFixture.HangGuard;
        while (true)
        {
            await using (var db = await contexts.CreateDbContextAsync())
            {
                var stored = await db.Events.Where(e => ids.Contains(e.ProviderEventId) || e.ProviderEventId == onePassword)
                    .Select(e => new { e.Id, e.ProviderEventId, e.PersonKey, e.EventType }).ToListAsync();
                if (stored.Count == ids.Count + 1 && await db.Quarantine.AnyAsync(q => q.ProviderEventId == Img))
                {
                    return new Planted(
                        $"from={Time(at)}&to={Time(at.AddSeconds(1))}",
                        stored.Single(e => e.EventType == Script).Id,
                        stored.First(e => e.ProviderEventId == ids[0]).PersonKey!,
                        ids.Count);
                }
            }

            Assert.True(DateTime.UtcNow < guard, "The planted events were not stored (or quarantined) in time.");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private static string FusionAuthBody(string id, string type, DateTimeOffset at, string user, string city, (string Key, JsonNode? Value)[] more)
    {
        var body = new JsonObject
        {
            ["id"] = id,
            ["type"] = type,
            ["createInstant"] = at.ToUnixTimeMilliseconds(),
            ["tenantId"] = "xss-tenant",
            ["user"] = new JsonObject { ["id"] = user, ["email"] = "a@" + Img },
            ["info"] = new JsonObject
            {
                ["ipAddress"] = "198.51.100.66",
                ["userAgent"] = Img,
                ["location"] = new JsonObject { ["country"] = Img, ["city"] = city },
            },
        };
        foreach (var (key, value) in more)
        {
            body[key] = value;
        }

        return new JsonObject { ["event"] = body }.ToJsonString();
    }

    /// <summary>A failed 1Password sign-in in the session whose key is <see cref="Js"/>, written to the inbox as the poller writes what it fetched; once stored, returns its id.</summary>
    private static async Task<string> WriteOnePasswordAsync(DashboardServer server, string name, DateTimeOffset at)
    {
        var id = $"XSSOP{name}{Guid.NewGuid():N}";
        var record = new JsonObject
        {
            ["uuid"] = id,
            ["session_uuid"] = Js,
            ["timestamp"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["category"] = "credentials_failed",
            ["type"] = Img,
            ["target_user"] = new JsonObject { ["uuid"] = "xss-op-user", ["email"] = "b@" + Img },
            ["client"] = new JsonObject { ["app_name"] = Script, ["platform_name"] = "Chrome", ["os_name"] = "Linux", ["ip_address"] = "198.51.100.67" },
            ["location"] = new JsonObject { ["country"] = Img, ["city"] = Script },
        };
        var writer = server.Services.GetRequiredService<InboxWriter>();
        await writer.WriteAsync([new InboundRecord(EventSource.OnePassword, record.ToJsonString(), DateTimeOffset.UtcNow, IsDemo: false)], null, null, CancellationToken.None);
        var contexts = server.Services.GetRequiredService<IDbContextFactory<AuthEventsDbContext>>();
        var guard = DateTime.UtcNow + BrowserFixture.HangGuard;
        while (true)
        {
            await using (var db = await contexts.CreateDbContextAsync())
            {
                if (await db.Events.AnyAsync(e => e.ProviderEventId == id))
                {
                    return id;
                }
            }

            Assert.True(DateTime.UtcNow < guard, $"The 1Password record {id} was not stored in time.");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private static string Time(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    /// <summary>RFC 4180 records: quoted values may hold commas, doubled quotes and line breaks.</summary>
    private static List<List<string>> ReadCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var value = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    value.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    value.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(value.ToString());
                value.Clear();
            }
            else if (c == '\n')
            {
                row.Add(value.ToString().TrimEnd('\r'));
                value.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                value.Append(c);
            }
        }

        return rows;
    }

    /// <param name="Range">The query of the planted second, for any page.</param>
    /// <param name="TypeEventId">The store's id of the event whose type is markup.</param>
    /// <param name="PersonKey">The FusionAuth person's key (the keyed hash of their e-mail address).</param>
    /// <param name="FusionAuthEvents">How many FusionAuth events were stored.</param>
    private sealed record Planted(string Range, long TypeEventId, string PersonKey, int FusionAuthEvents);
}
