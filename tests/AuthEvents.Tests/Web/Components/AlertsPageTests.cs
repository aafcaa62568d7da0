using AuthEvents.Core.Alerts;
using AuthEvents.Core.Alerts.Rules;
using AuthEvents.Core.Events;
using AuthEvents.Store.Alerts;
using AuthEvents.Store.Audit;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Access;
using AuthEvents.Web.Components.Pages.Alerts;
using AuthEvents.Web.Navigation;
using Bunit;
using Microsoft.Extensions.Primitives;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// /alerts over alerts the engine raised from stored events: the list and its URL filters, an alert's detail with its
/// evidence and links, and triage from the page, audited.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class AlertsPageTests : PageTestContext
{
    private const string Attacker = "203.0.113.7";
    private readonly CredentialStuffingRule _stuffing = new(new CredentialStuffingSettings());

    /// <summary>Twenty people fail the password step from one address within seven minutes; the engine opens the alert.</summary>
    private async Task<long> RaiseStuffingAsync()
    {
        await MigrateAsync();
        var engine = new AlertEngine(Database.Contexts, WriteGate, Time, new AlertWriterOptions());
        await engine.PrepareAsync([_stuffing], [], "node-a", CancellationToken.None);
        await StoreAsync([.. Enumerable.Range(0, 20).Select(i => Event($"op-{i}", 30 - (i * 0.35), EventSource.OnePassword, "credentials_failed",
            person: $"email:p{i}", email: $"p{i}***@example.com", subject: $"OP{i}", ip: Attacker,
            reason: new FailureReason("category", "credentials_failed", CanonicalReasons.InvalidCredentials)))]);
        await engine.EvaluateAsync([_stuffing], CancellationToken.None);
        return Assert.Single((await new AlertQueries(Database.Contexts).PageAsync(AlertFilter.All, 0, 10, CancellationToken.None)).Rows).Id;
    }

    private IRenderedComponent<AlertsPage> RenderPage(string url)
    {
        Navigation.NavigateTo(url);
        return Render<AlertsPage>();
    }

    [Fact]
    public void Url_RoundTrip_CanonicalFormReadsBackTheSame()
    {
        var url = AlertsUrl.Default with
        {
            Rules = [AlertRuleIds.CredentialStuffing, AlertRuleIds.MfaFatigue],
            Severities = ["critical", "high"],
            Statuses = [],
            Assignee = "me",
            Selected = 42,
            Utc = true,
        };

        var text = DashboardUrls.Alerts(url);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x/" + text).Query)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);

        Assert.Equal("alerts?rule=credential-stuffing&rule=mfa-fatigue&severity=critical&severity=high&status=all&assignee=me&tz=utc&alert=42", text);
        Assert.Equal(url, AlertsUrl.Parse(query));
        Assert.Equal("alerts", DashboardUrls.Alerts(AlertsUrl.Default));
        // Unknown values are dropped rather than failing the page.
        Assert.Equal(AlertsUrl.Default, AlertsUrl.Parse(new Dictionary<string, StringValues> { ["rule"] = "nope", ["severity"] = "urgent", ["alert"] = "-3" }));
    }

    [Fact]
    public async Task Render_OpenAlert_ListedAndFilteredByTheUrl()
    {
        await RaiseStuffingAsync();

        var cut = RenderPage("alerts");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tr[data-alert-id]")), Patience.HangGuard);
        var row = cut.Find("tr[data-alert-id]");
        Assert.Contains("Credential stuffing", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("20 people failed the password step from 203.0.113.7 within 10 min at 1Password", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("HIGH", row.QuerySelector(".ae-severity")!.TextContent.ToUpperInvariant(), StringComparison.Ordinal);

        var other = RenderPage("alerts?rule=mfa-fatigue");
        other.WaitForAssertion(() => Assert.Equal("No alerts match these filters.", other.Find("[data-testid=alerts-empty]").TextContent), Patience.HangGuard);
    }

    [Fact]
    public async Task Detail_SelectedAlert_ShowsEvidenceWithLinksToLiveAndPeople()
    {
        var id = await RaiseStuffingAsync();

        var cut = RenderPage($"alerts?alert={id}");

        cut.WaitForAssertion(() => Assert.Equal(20, cut.FindAll("[data-testid=alert-evidence] li").Count), Patience.HangGuard);
        Assert.Equal("true", cut.Find($"tr[data-alert-id='{id}']").GetAttribute("aria-selected"));
        var first = cut.FindAll("[data-testid=alert-evidence] li")[0];
        Assert.StartsWith("live?", first.QuerySelector("[data-testid=evidence-event]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("ip=203.0.113.7", first.QuerySelector("[data-testid=evidence-ip]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("people/email%3Ap0", first.QuerySelector("[data-testid=evidence-person]")!.GetAttribute("href"));
        Assert.Contains("ip=203.0.113.7", cut.Find("[data-testid=alert-live]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("Opened", cut.Find("[data-testid=alert-history] li strong").TextContent);
    }

    [Fact]
    public async Task Detail_AnalystWithoutInvestigator_SeesPeopleAsTextNotLinks()
    {
        var id = await RaiseStuffingAsync();
        SignInAs("ana", AccessRole.Analyst);

        var cut = RenderPage($"alerts?alert={id}");

        cut.WaitForAssertion(() => Assert.Equal(20, cut.FindAll("[data-testid=alert-evidence] li").Count), Patience.HangGuard);
        Assert.Null(cut.FindAll("[data-testid=alert-evidence] li")[0].QuerySelector("a[data-testid=evidence-person]"));
        Assert.NotNull(cut.FindAll("[data-testid=alert-evidence] li")[0].QuerySelector("a[data-testid=evidence-ip]"));
    }

    [Fact]
    public async Task Acknowledge_FromTheDetail_ChangesTheStatusAndWritesTheAuditTrail()
    {
        var id = await RaiseStuffingAsync();
        var cut = RenderPage($"alerts?alert={id}");
        cut.WaitForAssertion(() => Assert.Equal("Open", cut.Find("[data-testid=alert-status]").TextContent), Patience.HangGuard);

        await cut.Find("[data-testid=alert-ack] button, button[data-testid=alert-ack]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("Acknowledged", cut.Find("[data-testid=alert-status]").TextContent), Patience.HangGuard);
        var audited = Assert.Single(await Audit.ListAsync(new AuditQuery(Action: AuditActions.AlertStatusChanged), null, 10, CancellationToken.None));
        Assert.Equal($"alert:{id}", audited.Target);
        Assert.StartsWith("open→acknowledged; rule=credential-stuffing; key=203.0.113.7", audited.Detail, StringComparison.Ordinal);
        Assert.Contains("Acknowledged", cut.Find("[data-testid=alert-history]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Figures_InWords_DurationsReadableProvidersByNameEmptiesLeftOut()
    {
        var figures = AlertLabels.Figures("{\"people\":27,\"providers\":[\"LoginGov\",\"OnePassword\"],\"elapsed\":\"00:27:26.8835950\",\"signInCountry\":\"\",\"rate\":0.3}");

        Assert.Equal([("People", "27"), ("Providers", "Login.gov, 1Password"), ("Elapsed", "27 min 26 s"), ("Rate", "0.3")], figures);
    }

    [Fact]
    public async Task Overview_OpenAlert_CountedByItsSeverityWithALinkToAlerts()
    {
        await RaiseStuffingAsync();

        var cut = Render<AuthEvents.Web.Components.Pages.Overview.OverviewPage>();

        cut.WaitForAssertion(() => Assert.Equal("1 open alert (1 high)", cut.Find("[data-testid=open-alerts]").TextContent.Trim()), Patience.HangGuard);
        Assert.Equal("alerts", cut.Find("a[data-testid=open-alerts-link]").GetAttribute("href"));
        Assert.Contains("ae-open-alerts-high", cut.Find("[data-testid=open-alerts]").ClassList);
    }
}
