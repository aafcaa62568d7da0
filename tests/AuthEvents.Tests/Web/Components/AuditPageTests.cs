using AuthEvents.Store.Audit;
using AuthEvents.Tests.Support;
using Bunit;
using Microsoft.Data.Sqlite;
using AuditPage = AuthEvents.Web.Components.Pages.Audit.AuditPage;

namespace AuthEvents.Tests.Web.Components;

/// <summary>The audit trail's page: entries newest first, filters from and to the URL, paging, the chain check, the export link.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class AuditPageTests : PageTestContext
{
    [Fact]
    public async Task Render_Entries_NewestFirstWithWhoWhatAndWhere()
    {
        await AppendAsync(("ada", AuditActions.SignIn, ""), ("ada", AuditActions.PersonOpened, "email:abc"), ("bob", AuditActions.AccessDenied, "/sources"));

        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count), Patience.HangGuard);
        Assert.Equal(
            [
                ["3", "2026-11-22 12:00:00", "Bob", "Analyst", "access-denied", "/sources", "needs Admin", "192.0.2.1"],
                ["2", "2026-11-22 12:00:00", "Ada", "Analyst", "person-opened", "email:abc", "needs Admin", "192.0.2.1"],
                ["1", "2026-11-22 12:00:00", "Ada", "Analyst", "sign-in", "", "needs Admin", "192.0.2.1"],
            ],
            Rows(cut));
        Assert.Equal("3 entries, all listed.", cut.Find("[data-testid=audit-end]").TextContent.Trim());
    }

    [Fact]
    public async Task Render_UserAndActionInTheUrl_OnlyThoseEntriesAndTheExportOfThem()
    {
        await AppendAsync(("ada", AuditActions.SignIn, ""), ("ada", AuditActions.Export, "?q=x"), ("bob", AuditActions.Export, "?q=y"));
        Navigation.NavigateTo("audit?user=ada&action=export&tz=utc");

        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.Single(Rows(cut)), Patience.HangGuard);
        Assert.Equal("?q=x", Rows(cut)[0][5]);
        var export = cut.Find("[data-testid=audit-export]").GetAttribute("href");
        Assert.Equal("/api/audit?format=csv&from=2026-11-15T12%3A00%3A00Z&to=2026-11-22T12%3A00%3A01Z&user=ada&action=export", export);
    }

    [Fact]
    public async Task Render_AnUnknownActionInTheUrl_AllActionsAndTheUrlMadeCanonical()
    {
        await AppendAsync(("ada", AuditActions.SignIn, ""));
        Navigation.NavigateTo("audit?action=drop-table&range=7d");

        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.Single(Rows(cut)), Patience.HangGuard);
        cut.WaitForAssertion(() => Assert.Equal("http://localhost/audit", Navigation.Uri), Patience.HangGuard);
    }

    [Fact]
    public async Task LoadOlder_MoreThanAPage_TheNextPageAfterTheListedOnes()
    {
        await AppendAsync([.. Enumerable.Range(0, AuditPage.PageSize + 5).Select(i => ("ada", AuditActions.HubSubscribed, "filter " + i))]);
        var cut = Render<AuditPage>();
        cut.WaitForAssertion(() => Assert.Equal(AuditPage.PageSize, Rows(cut).Count), Patience.HangGuard);

        await cut.Find("[data-testid=audit-older]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(AuditPage.PageSize + 5, Rows(cut).Count), Patience.HangGuard);
        Assert.Equal("1", Rows(cut)[^1][0]);
        Assert.Equal($"{AuditPage.PageSize + 5:N0} entries, all listed.", cut.Find("[data-testid=audit-end]").TextContent.Trim());
    }

    [Fact]
    public async Task Verify_IntactThenARowEdited_SaysIntactThenNamesTheRow()
    {
        await AppendAsync(("ada", AuditActions.SignIn, ""), ("ada", AuditActions.SignOut, ""), ("bob", AuditActions.SignIn, ""));
        var cut = Render<AuditPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count), Patience.HangGuard);

        await cut.Find("[data-testid=audit-verify]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal("Intact: all 3 entries hold together.", cut.Find("[data-testid=audit-verification]").TextContent.Trim()), Patience.HangGuard);
        await using (var db = new SqliteConnection(Database.ConnectionString))
        {
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = "DROP TRIGGER audit_append_only_update; UPDATE audit SET user_name = 'Eve' WHERE id = 2;";
            await command.ExecuteNonQueryAsync();
        }

        await cut.Find("[data-testid=audit-verify]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.StartsWith("Broken at entry 2: its hash does not match", cut.Find("[data-testid=audit-verification]").TextContent.Trim(), StringComparison.Ordinal), Patience.HangGuard);
    }

    [Fact]
    public async Task Render_NoEntries_SaysSo()
    {
        await MigrateAsync();

        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.Equal("No entries match.", cut.Find("[data-testid=audit-empty]").TextContent.Trim()), Patience.HangGuard);
    }

    private async Task AppendAsync(params (string Subject, string Action, string Target)[] entries)
    {
        await MigrateAsync();
        foreach (var (subject, action, target) in entries)
        {
            var name = subject == "ada" ? "Ada" : "Bob";
            await Audit.AppendAsync(new AuditEntry(subject, name, "Analyst", action, target, "needs Admin", "192.0.2.1", "TestBrowser"), CancellationToken.None);
        }
    }

    private static List<string[]> Rows(IRenderedComponent<AuditPage> cut) =>
        [.. cut.FindAll("[data-testid=audit-table] tbody tr[data-audit-id]").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())];
}
