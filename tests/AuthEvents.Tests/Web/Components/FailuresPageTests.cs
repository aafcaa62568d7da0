using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;
using Bunit;
using FailuresPage = AuthEvents.Web.Components.Pages.Failures.FailuresPage;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// The failures page over a store holding a few failed sign-ins: the tree shows their sources and reasons, a row
/// expands, "By reason" regroups the tree through the URL, and a URL's range, source and grouping are restored; while
/// the store has not answered the page says it is loading.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class FailuresPageTests : PageTestContext
{
    [Fact]
    public async Task Render_StoredFailures_TreeBySourceWithTheLargestSourceOpen()
    {
        await StoreFailuresAsync();

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=failure-tree]")), Patience.HangGuard);
        Assert.Equal("source", cut.Find("[data-testid=failure-tree]").GetAttribute("data-grouping"));
        Assert.Equal(["Login.gov", "login-email-and-password-auth", "mfa-login-auth-submitted", "1Password"], Links(cut));
        Assert.Equal(["3", "2", "1", "1"], Counts(cut));
        Assert.Equal(["true", "false", "false", "false"], cut.FindAll("[data-testid=tree-toggle]").Select(b => b.GetAttribute("aria-expanded")));
        Assert.StartsWith("4 failure reasons · 2 canonical · 2 of 4 sources · ", Summary(cut), StringComparison.Ordinal);
        Assert.Equal("Breakdown by source", cut.Find("#tree-title").TextContent);
        Assert.Equal("true", cut.Find("[data-testid=group-source]").GetAttribute("aria-pressed"));
        // Each node opens exactly its failures in Live.
        // The range reaches now (inclusive), widened to the whole second the link can carry.
        Assert.Equal("live?from=2026-11-21T12%3A00%3A00Z&to=2026-11-22T12%3A00%3A01Z&source=OnePassword&outcome=failure&outcome=rate-limited",
            cut.FindAll("[data-testid=tree-link]")[^1].GetAttribute("href"));
        Assert.Equal("failures", Navigation.ToBaseRelativePath(Navigation.Uri));
    }

    [Fact]
    public async Task Toggle_ClosedSource_ShowsItsEventTypes()
    {
        await StoreFailuresAsync();
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=tree-card]").GetAttribute("data-interactive")), Patience.HangGuard);

        await cut.Find("button[aria-label='Expand source 1Password']").ClickAsync(new());

        Assert.Equal("true", cut.Find("button[aria-label='Collapse source 1Password']").GetAttribute("aria-expanded"));
        Assert.Equal(["Login.gov", "login-email-and-password-auth", "mfa-login-auth-submitted", "1Password", "credentials_failed"], Links(cut));
        Assert.Equal(["source", "eventtype", "eventtype", "source", "eventtype"], cut.FindAll("[data-testid=failure-tree] tbody tr").Select(r => r.GetAttribute("data-level")));
    }

    [Fact]
    public async Task GroupByReason_Clicked_WritesTheUrlAndRegroupsTheTreeByCanonicalReason()
    {
        await StoreFailuresAsync();
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=tree-card]").GetAttribute("data-interactive")), Patience.HangGuard);

        await cut.Find("[data-testid=group-reason]").ClickAsync(new());

        Assert.Equal("failures?group=reason", Navigation.ToBaseRelativePath(Navigation.Uri));
        cut.WaitForAssertion(() => Assert.Equal("reason", cut.Find("[data-testid=failure-tree]").GetAttribute("data-grouping")), Patience.HangGuard);
        Assert.Equal([CanonicalReasons.InvalidCredentials, "invalid", "credentials_failed", CanonicalReasons.MfaInvalid], Links(cut));
        Assert.Equal(["3", "2", "1", "1"], Counts(cut));
        Assert.Equal("1Password · credentials_failed · category", cut.FindAll("tr[data-level=code] .ae-ftree-detail")[1].TextContent);
        Assert.Equal("Breakdown by canonical reason", cut.Find("#tree-title").TextContent);
        Assert.Equal("true", cut.Find("[data-testid=group-reason]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task Render_RangeSourceAndGroupingInTheUrl_RestoredIntoTheToolbarAndTheTree()
    {
        await StoreFailuresAsync();
        var cut = RenderPage("failures?range=1h&source=OnePassword&group=reason");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=failure-tree]")), Patience.HangGuard);
        Assert.Equal("Last hour", cut.Find("input[data-testid=failures-range]").GetAttribute("value"));
        Assert.Equal("1Password", cut.Find("input[data-testid=failures-source]").GetAttribute("value"));
        Assert.Equal("true", cut.Find("[data-testid=group-reason]").GetAttribute("aria-pressed"));
        Assert.Equal([CanonicalReasons.InvalidCredentials, "credentials_failed"], Links(cut));
        Assert.Equal(["1", "1"], Counts(cut));
        Assert.StartsWith("1 failure reason · 1 canonical · 1 of 4 sources · ", Summary(cut), StringComparison.Ordinal);
        Assert.Equal("failures?range=1h&source=OnePassword&group=reason", Navigation.ToBaseRelativePath(Navigation.Uri));
    }

    [Fact]
    public async Task Render_NoFailuresStored_TreeSaysSo()
    {
        await StoreAsync(Event("lg-ok", 30, EventSource.LoginGov, "login-completed", person: "email:a11ce"));

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=failure-tree]")), Patience.HangGuard);
        Assert.Equal("No failures in this range.", cut.Find("[data-testid=failure-tree] tbody td").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=tree-link]"));
        Assert.StartsWith("0 failure reasons · 0 canonical · 0 of 4 sources", Summary(cut), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_StoreNotAnsweredYet_SaysItIsLoadingUntilItAnswers()
    {
        await StoreFailuresAsync();
        Contexts.Hold();

        var cut = RenderPage();

        Assert.Equal("Loading…", cut.Find("[data-testid=failures-updated]").TextContent);
        Assert.Equal("Loading…", cut.Find("[data-testid=tree-card] p").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=failure-tree]"));
        Contexts.Release();
        cut.WaitForAssertion(() => Assert.Equal(4, Links(cut).Count), Patience.HangGuard);
        Assert.StartsWith("Updated ", cut.Find("[data-testid=failures-updated]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_FailureArrives_TreeCountsIt()
    {
        await StoreFailuresAsync();
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Equal(["3", "2", "1", "1"], Counts(cut)), Patience.HangGuard);

        await StoreAndPublishAsync(Event("op-f2", 5, EventSource.OnePassword, "credentials_failed", person: "email:d0d",
            reason: new FailureReason("category", "credentials_failed", CanonicalReasons.InvalidCredentials)));

        cut.WaitForAssertion(() => Assert.Equal(["3", "2", "1", "2"], Counts(cut)), Patience.HangGuard);
    }

    [Fact]
    public async Task Render_RangeFrom1970ComparedWithThePrevious_ShowsTheNewest400DaysAndSaysSo()
    {
        await StoreFailuresAsync();

        var cut = RenderPage("failures?from=1970-01-01T00:00:00Z&to=2026-11-23T00:00:00Z&compare=previous");

        cut.WaitForAssertion(() => Assert.Equal(["3", "2", "1", "1"], Counts(cut)), Patience.HangGuard);
        Assert.EndsWith("Showing 2025-10-19 00:00 – 2026-11-23 00:00 UTC instead.", cut.Find("[data-testid=url-notice]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("failures?from=2025-10-19T00:00:00Z&to=2026-11-23T00:00:00Z&compare=previous", Uri.UnescapeDataString(Navigation.ToBaseRelativePath(Navigation.Uri)));
        Assert.Empty(cut.FindAll("[data-testid=load-error]"));
    }

    private IRenderedComponent<FailuresPage> RenderPage(string url = "failures")
    {
        Navigation.NavigateTo(url);
        return Render<FailuresPage>();
    }

    // The summary's words as read: its markup breaks lines between them.
    private static string Summary(IRenderedComponent<FailuresPage> cut) =>
        System.Text.RegularExpressions.Regex.Replace(cut.Find("[data-testid=failures-summary]").TextContent, @"\s+", " ").Trim();

    private static List<string> Links(IRenderedComponent<FailuresPage> cut) => cut.FindAll("[data-testid=tree-link]").Select(a => a.TextContent).ToList();

    private static List<string> Counts(IRenderedComponent<FailuresPage> cut) =>
        cut.FindAll("[data-testid=failure-tree] tbody tr td.ae-num").Select(td => td.TextContent).ToList();

    /// <summary>In the last hour: two wrong Login.gov passwords and a wrong MFA code, one failed 1Password sign-in, and a success.</summary>
    private async Task StoreFailuresAsync() => await StoreAsync(
        Event("lg-f1", 40, EventSource.LoginGov, "login-email-and-password-auth", Outcome.Failure, person: "email:a11ce",
            reason: new FailureReason("password", "invalid", CanonicalReasons.InvalidCredentials)),
        Event("lg-f2", 35, EventSource.LoginGov, "login-email-and-password-auth", Outcome.Failure, person: "email:b0b",
            reason: new FailureReason("password", "invalid", CanonicalReasons.InvalidCredentials)),
        Event("lg-f3", 30, EventSource.LoginGov, "mfa-login-auth-submitted", Outcome.Failure, person: "email:a11ce",
            reason: new FailureReason("otp", "invalid", CanonicalReasons.MfaInvalid)),
        Event("lg-ok", 29, EventSource.LoginGov, "login-completed", person: "email:a11ce"),
        Event("op-f1", 20, EventSource.OnePassword, "credentials_failed", person: "email:ca7",
            reason: new FailureReason("category", "credentials_failed", CanonicalReasons.InvalidCredentials)));
}
