using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Components.Controls;
using AuthEvents.Web.Navigation;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using AuthEvents.Web.Components.Pages.People;

namespace AuthEvents.Tests.Web.Components;

/// <summary>The people and sessions lists: each row links to its own page; counts read as numbers; an empty list says so.</summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class ActorGridTests : ComponentTestContext
{
    [Fact]
    public void Rows_EachLinksToItsPageWithTheKeyEscaped_AndShowsItsCounts()
    {
        IReadOnlyList<ActorRow> rows =
        [
            new("email:9f2c", "m***@example.com", 1234, 7, Now.AddMinutes(-3)),
            new("entrust:a/b c", null, 2, 0, Now.AddHours(-2)),
        ];

        var cut = Render<ActorGrid>(p => p.Add(x => x.Rows, rows).Add(x => x.LinkPrefix, "people").Add(x => x.KeyTitle, "Person"));

        var links = cut.FindAll("[data-testid=actor-grid] tbody a");
        Assert.Equal(["people/email%3A9f2c", "people/entrust%3Aa%2Fb%20c"], links.Select(a => a.GetAttribute("href")));
        Assert.Equal(["m***@example.com", "entrust:a/b c"], links.Select(a => a.TextContent));
        var first = cut.FindAll("[data-testid=actor-grid] tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["m***@example.com", "1,234", "7", "2026-11-22 11:57:00"], first);
        Assert.Contains("Person", cut.Find("[data-testid=actor-grid] thead").TextContent, StringComparison.Ordinal);
        Assert.Contains("Last seen (UTC)", cut.Find("[data-testid=actor-grid] thead").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ViewerZoneKnown_LastSeenInItsZoneNamedInTheHeader()
    {
        IReadOnlyList<ActorRow> rows = [new("email:9f2c", "m***@example.com", 1, 0, Now.AddMinutes(-3))];
        Services.GetRequiredService<ViewerClock>().SetZone("Asia/Tokyo");

        var cut = Render<ActorGrid>(p => p.Add(x => x.Rows, rows).Add(x => x.LinkPrefix, "people").Add(x => x.KeyTitle, "Person"));

        var lastSeen = cut.Find("[data-testid=actor-grid] tbody td span.ae-mono");
        Assert.Equal(("2026-11-22 20:57:00", "2026-11-22 20:57:00.0000000 +09:00 · 2026-11-22T11:57:00.0000000Z"), (lastSeen.TextContent, lastSeen.GetAttribute("title")));
        Assert.Contains("Last seen (Asia/Tokyo)", cut.Find("[data-testid=actor-grid] thead").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_ProviderSentMarkup_RenderedAsText()
    {
        IReadOnlyList<ActorRow> rows = [new("s-1", "<img src=x onerror=alert(1)>", 1, 1, Now)];

        var cut = Render<ActorGrid>(p => p.Add(x => x.Rows, rows).Add(x => x.LinkPrefix, "sessions").Add(x => x.KeyTitle, "Session"));

        Assert.Empty(cut.FindAll("[data-testid=actor-grid] img"));
        Assert.Equal("<img src=x onerror=alert(1)>", cut.Find("[data-testid=actor-grid] tbody a").TextContent);
    }

    [Fact]
    public void NoRows_ShowsTheEmptyText()
    {
        var cut = Render<ActorGrid>(p => p.Add(x => x.Rows, []).Add(x => x.LinkPrefix, "people").Add(x => x.KeyTitle, "Person")
            .Add(x => x.EmptyText, "No people seen in the last 24 hours."));

        Assert.Equal("No people seen in the last 24 hours.", cut.Find("[data-testid=actor-grid-empty]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=actor-grid] tbody a"));
    }
}
