using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AuthEvents.Core.Alerts;
using AuthEvents.Store;
using AuthEvents.Store.Alerts;
using AuthEvents.Tests.Support;
using AuthEvents.Tests.Web.Access;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Tests.Web.Alerts;

/// <summary><c>/api/alerts</c> (CSV and NDJSON, strict filters, audited) and <c>/api/alerts/{id}</c>, over an alert the host's evaluator raised.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class AlertsEndpointTests : IDisposable
{
    private const string Attacker = "203.0.113.7";
    private readonly SignInTestHost _signIn = new(HostAlerts.Settings);
    private readonly HostAlerts _alerts;

    public AlertsEndpointTests() => _alerts = new HostAlerts(_signIn.Host);

    public void Dispose() => _signIn.Dispose();

    [Fact]
    public async Task Ndjson_NoFilter_TheAlertWithEveryField()
    {
        var raised = await _alerts.RaiseStuffingAsync(Attacker, TimeSpan.Zero);

        using var response = await GetAsync("/api/alerts?format=ndjson");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var row = JsonDocument.Parse(Assert.Single((await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
        Assert.Equal(
            ["id", "rule", "severity", "status", "key", "keyKind", "label", "firstSeen", "lastSeen", "count", "assignee", "openedAt", "updatedAt", "isDemo", "origin", "summary", "url"],
            row.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            (raised.Id, AlertRuleIds.CredentialStuffing, "high", "open", Attacker, "ip", "2026-11-30T09:00:00.0000000Z", "2026-11-30T09:03:10.0000000Z", 20L, "live", $"alerts?alert={raised.Id}"),
            (row.GetProperty("id").GetInt64(), row.GetProperty("rule").GetString(), row.GetProperty("severity").GetString(), row.GetProperty("status").GetString(),
                row.GetProperty("key").GetString(), row.GetProperty("keyKind").GetString(), row.GetProperty("firstSeen").GetString(), row.GetProperty("lastSeen").GetString(),
                row.GetProperty("count").GetInt64(), row.GetProperty("origin").GetString(), row.GetProperty("url").GetString()));
        Assert.False(row.GetProperty("isDemo").GetBoolean());
    }

    [Fact]
    public async Task Csv_NoFilter_HeaderAndTheAlertWithFormulasDefused()
    {
        var raised = await _alerts.RaiseStuffingAsync(Attacker, TimeSpan.Zero);
        // Rule text is built from provider data: a value a spreadsheet would run must arrive as text.
        await using (var db = await _signIn.Host.Services.GetRequiredService<IDbContextFactory<AuthEventsDbContext>>().CreateDbContextAsync())
        {
            await db.Set<AlertRecord>().ExecuteUpdateAsync(s => s.SetProperty(a => a.Summary, "=HYPERLINK(\"x\")"));
        }

        using var response = await GetAsync("/api/alerts?format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal("id,rule,severity,status,key,keyKind,label,firstSeen,lastSeen,count,assignee,openedAt,updatedAt,isDemo,origin,summary,url", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{raised.Id},credential-stuffing,high,open,{Attacker},ip,,2026-11-30T09:00:00.0000000Z,2026-11-30T09:03:10.0000000Z,20,,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith($",false,live,\"'=HYPERLINK(\"\"x\"\")\",alerts?alert={raised.Id}", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rule=credential-stuffing", 1)]
    [InlineData("rule=password-spray&rule=mfa-fatigue", 0)]
    [InlineData("rule=mfa-fatigue,credential-stuffing", 1)]
    [InlineData("severity=high", 1)]
    [InlineData("severity=critical,low", 0)]
    [InlineData("status=open", 1)]
    [InlineData("status=resolved&status=false-positive", 0)]
    [InlineData("status=all", 1)]
    [InlineData("assignee=none", 1)]
    [InlineData("assignee=me", 0)]
    [InlineData("from=2026-11-30T09:03:10Z", 1)]
    [InlineData("from=2026-11-30T09:03:11Z", 0)]
    [InlineData("to=2026-11-30T09:03:10Z", 0)]
    public async Task Ndjson_Filtered_OnlyMatchingAlerts(string parameters, int expected)
    {
        await _alerts.RaiseStuffingAsync(Attacker, TimeSpan.Zero);

        using var response = await GetAsync("/api/alerts?format=ndjson&" + parameters);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("format=xml", "format must be csv or ndjson")]
    [InlineData("rule=credential-stuffin", "unknown rule 'credential-stuffin'")]
    [InlineData("severity=severe", "unknown severity 'severe' (expected one of critical, high, medium, low)")]
    [InlineData("status=open,closed", "unknown status 'closed' (expected one of open, acknowledged, resolved, false-positive)")]
    [InlineData("assignee=a&assignee=b", "'assignee' takes one value")]
    [InlineData("from=yesterday", "'from' is not an ISO 8601 date and time")]
    [InlineData("to=9999-12-31T23:59:59Z", "'to' must")]
    [InlineData("from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z", "'from' must be earlier than 'to'")]
    public async Task Export_BadParameter_400ProblemNamingIt(string parameters, string reason)
    {
        using var response = await GetAsync("/api/alerts?" + parameters);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(reason, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_RaisedAlert_TheAlertFiguresHistoryAndEvidence()
    {
        var raised = await _alerts.RaiseStuffingAsync(Attacker, TimeSpan.Zero);

        using var response = await GetAsync($"/api/alerts/{raised.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((raised.Id, Attacker), (detail.GetProperty("alert").GetProperty("id").GetInt64(), detail.GetProperty("alert").GetProperty("key").GetString()));
        Assert.Equal(20, detail.GetProperty("figures").GetProperty("people").GetInt32());
        var history = Assert.Single(detail.GetProperty("history").EnumerateArray());
        Assert.Equal(("opened", "open", AlertWriter.SystemActor), (history.GetProperty("change").GetString(), history.GetProperty("toStatus").GetString(), history.GetProperty("actor").GetString()));
        var evidence = detail.GetProperty("evidence").EnumerateArray().ToList();
        Assert.Equal(20, evidence.Count);
        var first = evidence[0];
        Assert.Equal(
            ("2026-11-30T09:00:00.0000000Z", "LoginGov", "login-email-and-password-auth", "failure", Attacker, "invalid-credentials"),
            (first.GetProperty("occurredAt").GetString(), first.GetProperty("source").GetString(), first.GetProperty("eventType").GetString(),
                first.GetProperty("outcome").GetString(), first.GetProperty("ip").GetString(), CanonicalReasonsOf(first)));
        Assert.StartsWith("email:", first.GetProperty("person").GetString(), StringComparison.Ordinal);
        Assert.Equal(evidence.Select(e => e.GetProperty("occurredAt").GetString()).Order(StringComparer.Ordinal), evidence.Select(e => e.GetProperty("occurredAt").GetString()));
    }

    [Theory]
    [InlineData("/api/alerts/4242", HttpStatusCode.NotFound, "There is no alert 4242.")]
    [InlineData("/api/alerts/abc", HttpStatusCode.BadRequest, "'id' must be an alert's number")]
    public async Task Detail_MissingOrBadId_ProblemSaysSo(string path, HttpStatusCode status, string reason)
    {
        using var response = await GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(reason, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Export_AndDetail_AuditedAsAlertExportWithTheFilterAndRowCount()
    {
        var raised = await _alerts.RaiseStuffingAsync(Attacker, TimeSpan.Zero);
        (await GetAsync("/api/alerts?format=csv&rule=credential-stuffing")).Dispose();
        (await GetAsync($"/api/alerts/{raised.Id}")).Dispose();

        using var trail = await GetAsync("/api/audit?format=ndjson&action=alert-export", "auditor", "Admin");
        var rows = (await trail.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.Collection(rows,
            r => Assert.Equal(("ana", "alert-export", "?format=csv&rule=credential-stuffing", "1 rows, csv"), Fields(r)),
            r => Assert.Equal(("ana", "alert-export", $"alert:{raised.Id}", "1 alert, 1 history, 20 evidence, json"), Fields(r)));
    }

    [Theory]
    [InlineData("/api/alerts?format=ndjson")]
    [InlineData("/api/alerts?format=csv")]
    [InlineData("/api/alerts/1")]
    public async Task Api_WithoutAnalyst_401Or403(string path)
    {
        using var manager = await GetAsync(path, "max", "Manager");
        using var client = _signIn.Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var anonymous = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, manager.StatusCode);
        Assert.Contains("needs the Analyst role", await manager.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static string CanonicalReasonsOf(JsonElement row) => string.Join(' ', row.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));

    private static (string?, string?, string?, string?) Fields(JsonElement row) =>
        (row.GetProperty("subject").GetString(), row.GetProperty("action").GetString(), row.GetProperty("target").GetString(), row.GetProperty("detail").GetString());

    private async Task<HttpResponseMessage> GetAsync(string path, string subject = "ana", params string[] roles)
    {
        using var client = _signIn.Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _signIn.Token(subject, roles.Length == 0 ? ["Analyst"] : roles));
        return await client.SendAsync(request);
    }
}
