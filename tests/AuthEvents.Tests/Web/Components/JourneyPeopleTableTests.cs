using AuthEvents.Core.Events;
using AuthEvents.Store.Journeys;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Components.Controls.Journeys;
using AuthEvents.Web.Navigation;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using AuthEvents.Web.Components.Pages.Journeys;

namespace AuthEvents.Tests.Web.Components;

/// <summary>The people behind a drop-off or a fast conversion: links to each person, their last failure, and the time taken only for fast lists.</summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class JourneyPeopleTableTests : ComponentTestContext
{
    private static readonly JourneyPersonRow Stopped = new("email:ab12", "s***@example.org", EventSource.LoginGov, Now.AddMinutes(-40), Now.AddMinutes(-35), 2,
        "login-email-and-password-auth", "invalid-credentials", "password: invalid", Now.AddMinutes(-35), null);

    private static readonly JourneyPersonRow Quiet = new("entrust:77", null, EventSource.Entrust, Now.AddMinutes(-30), Now.AddMinutes(-30), 0, null, null, null, null, TimeSpan.FromSeconds(2));

    [Fact]
    public void DropOffList_EachPersonLinksToTheirPage_WithTheirLastFailure()
    {
        var cut = Render<JourneyPeopleTable>(p => p.Add(x => x.List, new JourneyPeopleList(2, [Stopped, Quiet])));

        var rows = cut.FindAll("[data-testid=journey-people] tbody tr");
        Assert.Equal(2, rows.Count);
        var link = rows[0].QuerySelector("a")!;
        Assert.Equal("people/email%3Aab12", link.GetAttribute("href"));
        Assert.Equal("s***@example.org", link.TextContent);
        Assert.Equal("invalid-credentials", rows[0].QuerySelector(".ae-reason")!.TextContent);
        Assert.Contains("login-email-and-password-auth · password: invalid", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Null(rows[1].QuerySelector(".ae-reason"));
        Assert.Contains("No failure: stopped without one", rows[1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Took", cut.Find("[data-testid=journey-people] thead").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void FastList_ShowsHowLongEachTook()
    {
        var cut = Render<JourneyPeopleTable>(p => p.Add(x => x.List, new JourneyPeopleList(1, [Quiet])).Add(x => x.ShowDuration, true));

        Assert.Contains("Took", cut.Find("[data-testid=journey-people] thead").TextContent, StringComparison.Ordinal);
        Assert.Contains("2", cut.Find("[data-testid=journey-people] tbody tr td.ae-num").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ViewerInNewYork_TimesInItsZoneNamedInTheHeaders_OrInUtcWhenAsked()
    {
        Services.GetRequiredService<ViewerClock>().SetZone("America/New_York");
        var list = new JourneyPeopleList(1, [Stopped]);

        var local = Render<JourneyPeopleTable>(p => p.Add(x => x.List, list));
        var utc = Render<JourneyPeopleTable>(p => p.Add(x => x.List, list).Add(x => x.Utc, true));

        // Started 11:20 UTC, last event 11:25 UTC: five hours earlier in New York in November.
        Assert.Equal(["Started (America/New_York)", "Last event (America/New_York)"], Headers(local).Where(h => h.Contains('(', StringComparison.Ordinal)));
        Assert.Equal(["2026-11-22 06:20:00", "2026-11-22 06:25:00"], local.FindAll("tbody span.ae-mono[title]:not(.ae-subtle)").Select(s => s.TextContent));
        Assert.Equal("2026-11-22 06:20:00.0000000 -05:00 · 2026-11-22T11:20:00.0000000Z", local.Find("tbody span.ae-mono[title]:not(.ae-subtle)").GetAttribute("title"));
        Assert.Equal(["Started (UTC)", "Last event (UTC)"], Headers(utc).Where(h => h.Contains('(', StringComparison.Ordinal)));
        Assert.Equal(["2026-11-22 11:20:00", "2026-11-22 11:25:00"], utc.FindAll("tbody span.ae-mono[title]:not(.ae-subtle)").Select(s => s.TextContent));

        static IEnumerable<string> Headers(IRenderedComponent<JourneyPeopleTable> cut) => cut.FindAll("thead th").Select(h => h.TextContent.Trim());
    }

    [Fact]
    public void EmptyList_SaysNobody()
    {
        var cut = Render<JourneyPeopleTable>(p => p.Add(x => x.List, new JourneyPeopleList(0, [])));

        Assert.Contains("Nobody here.", cut.Find("[data-testid=journey-people]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=journey-people] tbody a"));
    }
}
