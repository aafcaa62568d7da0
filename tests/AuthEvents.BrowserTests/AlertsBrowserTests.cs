using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AuthEvents.Core.Alerts;
using AuthEvents.Store.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AuthEvents.BrowserTests;

/// <summary>
/// An analyst's way through an alert in Chromium: credential stuffing sent as FusionAuth webhooks raises it, the analyst
/// opens it from /alerts, follows its evidence to a person, comes back, acknowledges it with the keyboard, and finds the
/// change in the audit trail.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class AlertsBrowserTests(BrowserFixture fixture)
{
    // From RFC 2544's benchmarking range, which the demo never uses (its homes are in 192.0.2.0/24): only this test's
    // webhooks come from it, so the alert is exactly theirs.
    private static readonly string AttackerIp = "198.18.77." + Random.Shared.Next(1, 255).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Analyst_OpensAnAlertFollowsItsEvidenceToAPersonAndAcknowledgesIt_AuditTrailShowsIt()
    {
        var server = fixture.Server;
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60);
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 20; i++)
        {
            await FusionAuthWebhooks.SendAsync(server, FailedSignIn($"stuffing-{run}-{i}", at.AddSeconds(i), $"fa-{run}-{i}", $"alice.{run}.{i}@example.org"));
        }

        var alerts = server.Services.GetRequiredService<AlertQueries>();
        long id = 0;
        await WaitUntilAsync(async () =>
        {
            var page = await alerts.PageAsync(new AlertFilter { Rules = new HashSet<string> { AlertRuleIds.CredentialStuffing } }, 0, 100, CancellationToken.None);
            id = page.Rows.FirstOrDefault(r => r.Key == AttackerIp)?.Id ?? 0;
            return id > 0;
        }, "the credential-stuffing alert for " + AttackerIp);

        var page = await fixture.NewPageAsync();
        await page.GotoAsync("alerts?rule=credential-stuffing");
        await fixture.WaitForInteractiveAsync(page);
        await page.Locator($"tr[data-alert-id='{id}']").ClickAsync();
        var detail = page.GetByTestId("alert-detail");
        await Assertions.Expect(detail).ToContainTextAsync($"people failed the password step from {AttackerIp} within 10 min at FusionAuth");
        await Assertions.Expect(detail.GetByTestId("alert-evidence").Locator("li")).ToHaveCountAsync(20);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"alert={id}"));
        await fixture.ScreenshotAsync(page, "alert-detail");

        // The evidence leads to the person whose password failed.
        var person = detail.GetByTestId("evidence-person").First;
        var masked = (await person.InnerTextAsync()).Trim();
        await person.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/people/"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(masked);

        // Back to the alert, acknowledged from the keyboard.
        await page.GoBackAsync();
        await Assertions.Expect(page.GetByTestId("alert-status")).ToHaveTextAsync("Open");
        await page.Locator(".ae-detail-title").ClickAsync();
        await page.Keyboard.PressAsync("a");
        await Assertions.Expect(page.GetByTestId("alert-status")).ToHaveTextAsync("Acknowledged");
        await Assertions.Expect(page.GetByTestId("alert-history")).ToContainTextAsync("Acknowledged");

        await page.GotoAsync("audit?action=alert-status&range=24h");
        await fixture.WaitForInteractiveAsync(page);
        var row = page.GetByTestId("audit-table").Locator("tbody tr", new() { HasText = $"alert:{id}" });
        await Assertions.Expect(row).ToContainTextAsync("open→acknowledged; rule=credential-stuffing; key=" + AttackerIp);
        await page.Context.CloseAsync();
    }

    private static string FailedSignIn(string id, DateTimeOffset at, string user, string email) => new JsonObject
    {
        ["event"] = new JsonObject
        {
            ["id"] = id,
            ["type"] = "user.login.failed",
            ["createInstant"] = at.ToUnixTimeMilliseconds(),
            ["tenantId"] = "alerts-tenant",
            ["authenticationType"] = "PASSWORD",
            ["reason"] = new JsonObject { ["code"] = "credentials" },
            ["user"] = new JsonObject { ["id"] = user, ["email"] = email },
            ["info"] = new JsonObject { ["ipAddress"] = AttackerIp },
        },
    }.ToJsonString();

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
}
