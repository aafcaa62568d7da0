using AngleSharp.Dom;
using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Components.Controls;
using AuthEvents.Web.Navigation;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using AuthEvents.Web.Components.Pages.Live;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// The live view's event grid: every row carries its event's id, the selected row says so, a click or Enter on a row
/// opens that row, the person and session columns can be left out, provider text is text, and times follow the zone.
/// </summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class EventGridTests : ComponentTestContext
{
    private const string Markup = "<img src=x onerror=alert(1)>";

    private static readonly IReadOnlyList<EventListItem> ThreeRows =
    [
        Row(3, Now.AddMinutes(-1)),
        Row(2, Now.AddMinutes(-2)) with { Outcome = Outcome.Failure, ReasonCodes = "credentials_failed" },
        Row(1, Now.AddMinutes(-3)),
    ];

    [Fact]
    public void Rows_EachCarriesItsEventId_AndOnlyTheSelectedOneIsMarkedSelected()
    {
        var cut = Render<EventGrid>(p => p.Add(x => x.Items, ThreeRows).Add(x => x.SelectedId, 2L).Add(x => x.Virtualize, false));

        var rows = EventRows(cut);
        Assert.Equal(["3", "2", "1"], rows.Select(r => r.GetAttribute("data-event-id")));
        var selected = Assert.Single(cut.FindAll("[data-testid=event-grid] tr[aria-selected]"));
        Assert.Equal("2", selected.GetAttribute("data-event-id"));
        Assert.Equal("true", selected.GetAttribute("aria-selected"));
        Assert.Equal(["2"], cut.FindAll("[data-testid=event-grid] tr.ae-row-selected").Select(r => r.GetAttribute("data-event-id")));
    }

    [Fact]
    public void Virtualized_RowsStillCarryTheirEventIds_BetweenSpacerRows()
    {
        var cut = Render<EventGrid>(p => p.Add(x => x.Items, ThreeRows).Add(x => x.Virtualize, true));

        Assert.Equal(["3", "2", "1"], EventRows(cut).Select(r => r.GetAttribute("data-event-id")));
        // Virtualize's spacers are rows too (inside tbody, no cells): what a test selecting "tbody tr" would trip on.
        Assert.True(cut.FindAll("[data-testid=event-grid] tbody tr").Count > 3);
    }

    [Fact]
    public void Rows_HoldCellsOnly_NoWhitespaceBetweenThem()
    {
        IReadOnlyList<EventListItem> rows = [Row(1, Now) with { PersonKey = "email:9f2c", SessionKey = "s-1" }];

        var cut = Render<EventGrid>(p => p.Add(x => x.Items, rows).Add(x => x.Virtualize, false));

        // Razor keeps whitespace between tags as markup, which the browser parses for every new row: at 200 events/s that
        // was thousands of HTML parses a second on /live.
        var row = Row(cut, 1);
        Assert.All(row.ChildNodes, node => Assert.Equal("TD", (node as IElement)?.TagName));
        Assert.All(row.QuerySelectorAll("td"), td => Assert.DoesNotContain(td.ChildNodes, n => n.NodeType == NodeType.Text && string.IsNullOrWhiteSpace(n.TextContent)));
    }

    [Fact]
    public void Click_OnARow_InvokesRowClickWithThatRow()
    {
        EventListItem? clicked = null;
        var cut = Render<EventGrid>(p => p.Add(x => x.Items, ThreeRows).Add(x => x.Virtualize, false)
            .Add(x => x.RowClick, EventCallback.Factory.Create<EventListItem>(this, row => clicked = row)));

        Row(cut, 2).Click();

        Assert.Same(ThreeRows[1], clicked);
    }

    [Fact]
    public void Keyboard_RowsAreTabStops_EnterOpensTheFocusedRowAndOtherKeysDoNot()
    {
        var clicked = new List<long>();
        var cut = Render<EventGrid>(p => p.Add(x => x.Items, ThreeRows).Add(x => x.Virtualize, false)
            .Add(x => x.RowClick, EventCallback.Factory.Create<EventListItem>(this, row => clicked.Add(row.Id))));

        Assert.All(EventRows(cut), r => Assert.Equal("0", r.GetAttribute("tabindex")));
        Row(cut, 3).KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Tab" });
        Row(cut, 3).KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        Assert.Equal([3L], clicked);
    }

    [Fact]
    public void NoRowClick_RowsAreNotTabStops()
    {
        var cut = Render<EventGrid>(p => p.Add(x => x.Items, ThreeRows).Add(x => x.Virtualize, false));

        Assert.All(EventRows(cut), r => Assert.Null(r.GetAttribute("tabindex")));
        Assert.DoesNotContain("ae-grid-clickable", cut.Find("[data-testid=event-grid]").ClassList);
    }

    [Fact]
    public void PersonAndSessionColumns_LinkToTheirPagesAndEveryRowFillsEveryColumn()
    {
        IReadOnlyList<EventListItem> rows = [Row(1, Now) with { PersonKey = "email:9f2c", EmailMasked = "m***@example.com", SessionKey = "entrust:sess-0123456789" }];

        var cut = Render<EventGrid>(p => p.Add(x => x.Items, rows).Add(x => x.Virtualize, false));

        var headers = cut.FindAll("[data-testid=event-grid] thead th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Contains("Person", headers);
        Assert.Contains("Session", headers);
        Assert.Equal("people/email%3A9f2c", cut.Find("a[href^='people/']").GetAttribute("href"));
        Assert.Equal("sessions/entrust%3Asess-0123456789", cut.Find("a[href^='sessions/']").GetAttribute("href"));
        // Every row has a cell under every header, and the columns' widths match them.
        Assert.Equal(headers.Count, Row(cut, 1).QuerySelectorAll("td").Length);
        Assert.Equal(headers.Count, cut.FindAll("[data-testid=event-grid] col").Count);
    }

    [Fact]
    public void PersonLink_Clicked_OpensThePersonNotTheRow()
    {
        IReadOnlyList<EventListItem> rows = [Row(1, Now) with { PersonKey = "email:9f2c", EmailMasked = "m***@example.com" }];
        var clicked = 0;
        var cut = Render<EventGrid>(p => p.Add(x => x.Items, rows).Add(x => x.Virtualize, false)
            .Add(x => x.RowClick, EventCallback.Factory.Create<EventListItem>(this, _ => clicked++)));

        var link = cut.Find("a[href^='people/']");
        Assert.Equal("people/email%3A9f2c", link.GetAttribute("href"));
        // A click inside the row bubbles up to it...
        Row(cut, 1).QuerySelector("td span.ae-mono")!.Click();
        Assert.Equal(1, clicked);

        // ...but one on the link stops there (bUnit finds no handler before the link stops the event): the browser follows it.
        Assert.Throws<MissingEventHandlerException>(() => cut.Find("a[href^='people/']").Click());
        Assert.Throws<MissingEventHandlerException>(() => cut.Find("a[href^='people/']").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" }));
        Assert.Equal(1, clicked);
    }

    [Fact]
    public void ProviderText_WithMarkup_RendersAsTextNeverAsElements()
    {
        IReadOnlyList<EventListItem> rows = [Row(1, Now) with { EventType = Markup, Country = Markup, ReasonCodes = Markup, Milestone = Markup, Ip = Markup }];

        var cut = Render<EventGrid>(p => p.Add(x => x.Items, rows).Add(x => x.Virtualize, false));

        Assert.Empty(cut.FindAll("[data-testid=event-grid] img"));
        var cells = Row(cut, 1).QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(5, cells.Count(c => c == Markup));
        // The whole value is the cell's title (the cell cuts it with an ellipsis).
        Assert.Equal(5, Row(cut, 1).QuerySelectorAll("td[title]").Count(td => td.GetAttribute("title") == Markup));
    }

    [Fact]
    public void Times_InUtc_ShowUtcAndSayUtc()
    {
        Services.GetRequiredService<ViewerClock>().SetZone("Asia/Tokyo");

        var cut = Render<EventGrid>(p => p.Add(x => x.Items, ThreeRows).Add(x => x.Virtualize, false).Add(x => x.Utc, true));

        Assert.Equal("Time (UTC)", cut.Find("[data-testid=event-grid] thead th").TextContent.Trim());
        var time = Row(cut, 3).QuerySelector("td span.ae-mono")!;
        Assert.Equal("2026-11-22 11:59:00", time.TextContent);
        Assert.Equal("2026-11-22T11:59:00.0000000Z", time.GetAttribute("title"));
    }

    [Fact]
    public void Times_InTheViewersZone_ShowItsLocalTimeWithTheInstantInUtcOnHover()
    {
        Services.GetRequiredService<ViewerClock>().SetZone("Asia/Tokyo");

        var cut = Render<EventGrid>(p => p.Add(x => x.Items, ThreeRows).Add(x => x.Virtualize, false).Add(x => x.Utc, false));

        Assert.Equal("Time (local)", cut.Find("[data-testid=event-grid] thead th").TextContent.Trim());
        var time = Row(cut, 3).QuerySelector("td span.ae-mono")!;
        Assert.Equal("2026-11-22 20:59:00", time.TextContent);
        Assert.Equal("2026-11-22 20:59:00.0000000 +09:00 · 2026-11-22T11:59:00.0000000Z", time.GetAttribute("title"));
    }

    [Fact]
    public void CompactTime_ShowsTheTimeOfDayOnly()
    {
        Services.GetRequiredService<ViewerClock>().SetZone("Asia/Tokyo");

        var cut = Render<EventGrid>(p => p.Add(x => x.Items, ThreeRows).Add(x => x.Virtualize, false).Add(x => x.Utc, false).Add(x => x.CompactTime, true));

        Assert.Equal("20:59:00", Row(cut, 3).QuerySelector("td span.ae-mono")!.TextContent);
    }

    [Fact]
    public void NoItems_ShowsTheEmptyTextAndNoEventRows()
    {
        var cut = Render<EventGrid>(p => p.Add(x => x.Items, []).Add(x => x.EmptyText, "No events match these filters."));

        Assert.Equal("No events match these filters.", cut.Find("[data-testid=event-grid-empty]").TextContent);
        Assert.Empty(EventRows(cut));
        // The message spans the whole table.
        Assert.Equal(cut.FindAll("[data-testid=event-grid] thead th").Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            cut.Find("[data-testid=event-grid-empty]").GetAttribute("colspan"));
    }

    [Fact]
    public void ScrollContainer_TakesTheStyleAndTheClassTheLiveViewScriptFinds()
    {
        var cut = Render<EventGrid>(p => p.Add(x => x.Items, ThreeRows).Add(x => x.Style, "height: 300px"));

        var body = cut.Find("[data-testid=event-grid] .ae-grid-scroll-body");
        Assert.Equal("height: 300px", body.GetAttribute("style"));
        Assert.NotNull(body.QuerySelector("table"));
    }

    [Fact]
    public void ScrollContainer_AlwaysATabStop()
    {
        var open = EventCallback.Factory.Create<EventListItem>(this, _ => { });
        string? TabIndex(IRenderedComponent<EventGrid> cut) => cut.Find("[data-testid=event-grid] .ae-grid-scroll-body").GetAttribute("tabindex");

        // Rows that take focus are rendered by Virtualize a render later; until then only the region can be scrolled
        // from the keyboard, so it is a stop whether or not rows are.
        Assert.Equal("0", TabIndex(Render<EventGrid>(p => p.Add(x => x.Items, ThreeRows).Add(x => x.RowClick, open))));
        Assert.Equal("0", TabIndex(Render<EventGrid>(p => p.Add(x => x.Items, []).Add(x => x.RowClick, open))));
        Assert.Equal("0", TabIndex(Render<EventGrid>(p => p.Add(x => x.Items, ThreeRows))));
    }

    private static EventListItem Row(long id, DateTimeOffset at) =>
        new(id, EventSource.Entrust, "authentication.succeeded", "login.password", Outcome.Success, null, null, null, null, "198.51.100.7", "US", null, at, IsDemo: true);

    private static IReadOnlyList<IElement> EventRows(IRenderedComponent<EventGrid> cut) =>
        cut.FindAll("[data-testid=event-grid] tbody tr[data-event-id]");

    private static IElement Row(IRenderedComponent<EventGrid> cut, long id) =>
        cut.Find($"[data-testid=event-grid] tbody tr[data-event-id='{id}']");
}
