using AuthEvents.Core.Events;
using AuthEvents.Store.Search;
using AuthEvents.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using LivePage = AuthEvents.Web.Components.Pages.Live.LivePage;

namespace AuthEvents.Tests.Web.Components;

/// <summary>/live while older events are indexed for free text in the background: a notice with the progress, until the backfill ends.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class SearchIndexNoticeTests : PageTestContext
{
    [Fact]
    public async Task Live_BackfillRunning_NoticeFollowsItsProgressAndGoesWhenItEnds()
    {
        await StoreAsync(
            Event("op-1", 30, EventSource.OnePassword, "credentials_failed"),
            Event("op-2", 20, EventSource.OnePassword, "credentials_failed"),
            Event("op-3", 10, EventSource.OnePassword, "credentials_failed"));
        await using (var db = await Database.Contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO events_fts (events_fts) VALUES ('delete-all'); " +
                "UPDATE search_backfill SET next_id = (SELECT MIN(id) FROM events), up_to = (SELECT MAX(id) FROM events), total = 0, done = 0;");
        }

        await SearchIndex.PrepareAsync(Database.Contexts, CancellationToken.None);

        var cut = RenderPage("live");

        cut.WaitForAssertion(() => Assert.Contains("0 of 3 events indexed (0 %)", Notice(cut), StringComparison.Ordinal), Patience.HangGuard);
        Assert.Contains("older events may be missing from free-text results", Notice(cut), StringComparison.Ordinal);
        await SearchIndex.BackfillNextAsync(Database.Contexts, WriteGate, 2, CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(5));
        cut.WaitForAssertion(() => Assert.Contains("2 of 3 events indexed (67 %)", Notice(cut), StringComparison.Ordinal), Patience.HangGuard);
        await SearchIndex.BackfillNextAsync(Database.Contexts, WriteGate, 2, CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(5));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=search-index-notice]")), Patience.HangGuard);
    }

    [Fact]
    public async Task Live_EveryEventIndexed_NoNotice()
    {
        await StoreAsync(Event("op-1", 30, EventSource.OnePassword, "credentials_failed"));

        var cut = RenderPage("live");

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tr[data-event-id]")), Patience.HangGuard);
        Assert.Empty(cut.FindAll("[data-testid=search-index-notice]"));
    }

    private IRenderedComponent<LivePage> RenderPage(string url)
    {
        Navigation.NavigateTo(url);
        return Render<LivePage>();
    }

    private static string Notice(IRenderedComponent<LivePage> cut) =>
        string.Join(' ', cut.Find("[data-testid=search-index-notice]").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
