using AuthEvents.Core.Events;
using AuthEvents.Web.Components.Controls;
using AuthEvents.Web.Navigation;
using AuthEvents.Tests.Support;
using Bunit;
using MudBlazor;
using AuthEvents.Web.Components.Pages.Live;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// The toolbars' shared controls: the range picker with its UTC bounds, and the live filter bar. Each hands the page a
/// new value; the page writes it into the URL (covered by the URL codec tests and the browser tests).
/// </summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class FilterControlsTests : ComponentTestContext
{
    private static readonly (DateTimeOffset, DateTimeOffset) Shown = (Now.AddHours(-24).AddSeconds(42), Now.AddSeconds(42));

    [Fact]
    public async Task RangePicker_PresetChosen_HandsItOnAtOnce()
    {
        TimeRange? chosen = null;
        var cut = Render<RangePicker>(p => p.Add(x => x.Range, new TimeRange(TimeRange.Last24Hours)).Add(x => x.Presets, RangePresets.Summary)
            .Add(x => x.OnChange, r => chosen = r));

        Assert.Equal("Last 24 h", cut.Find("input.mud-select-input").GetAttribute("value"));
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync(TimeRange.LastHour));

        Assert.Equal(new TimeRange(TimeRange.LastHour), chosen);
        Assert.Empty(cut.FindAll("input[type=datetime-local]"));
    }

    [Fact]
    public async Task RangePicker_CustomChosen_ShowsBoundsFromTheShownRangeAndWaitsForApply()
    {
        TimeRange? chosen = null;
        var cut = Render<RangePicker>(p => p.Add(x => x.Range, new TimeRange(TimeRange.Last24Hours)).Add(x => x.Presets, RangePresets.Summary)
            .Add(x => x.Resolved, Shown).Add(x => x.OnChange, r => chosen = r));

        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync(TimeRange.Custom));

        Assert.Null(chosen);
        var bounds = cut.FindAll("input[type=datetime-local]");
        // Whole minutes, as UTC wall-clock text.
        Assert.Equal(["2026-11-21T12:00", "2026-11-22T12:00"], bounds.Select(b => b.GetAttribute("value")));
        cut.Find("button.ae-field-button").Click();

        Assert.Equal(new TimeRange(TimeRange.Custom, Now.AddHours(-24), Now), chosen);
    }

    [Fact]
    public void UtcBoundsFields_EndBeforeStart_ApplyDisabledAndSaysWhy()
    {
        var applied = false;
        var cut = Render<UtcBoundsFields>(p => p.Add(x => x.From, new DateTime(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc))
            .Add(x => x.To, new DateTime(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc)).Add(x => x.OnApply, _ => applied = true));

        Assert.True(cut.Find("button.ae-field-button").HasAttribute("disabled"));
        Assert.Equal("The end must come after the start.", cut.Find("[role=alert]").TextContent);
        Assert.False(applied);
    }

    [Fact]
    public void UtcBoundsFields_Typed_ReadAsUtcWallClock()
    {
        DateTime? from = null;
        var cut = Render<UtcBoundsFields>(p => p.Add(x => x.FromChanged, v => from = v).Add(x => x.OnApply, _ => { }).Add(x => x.Name, "Baseline"));

        cut.Find("input[type=datetime-local]").Change("2026-11-20T08:30");

        Assert.Equal(new DateTime(2026, 11, 20, 8, 30, 0, DateTimeKind.Utc), from);
        Assert.Equal(DateTimeKind.Utc, from!.Value.Kind);
        Assert.Equal(["Baseline from (UTC)", "Baseline to (UTC)"], cut.FindAll("label").Select(l => l.TextContent));
    }

    [Fact]
    public void EventFilterBar_SearchTyped_HandsOnTheTrimmedTextAndDropsTheSelection()
    {
        LiveFilter? changed = null;
        var cut = Render<EventFilterBar>(p => p.Add(x => x.Filter, LiveFilter.Default with { Selected = 42 }).Add(x => x.OnChange, f => changed = f));

        cut.Find("input[data-testid=filter-text]").Change("  credentials_failed ");

        Assert.Equal("credentials_failed", changed!.Text);
        Assert.Null(changed.Selected);
    }

    [Fact]
    public async Task EventFilterBar_SourcesChosen_HandsOnTheList()
    {
        LiveFilter? changed = null;
        var cut = Render<EventFilterBar>(p => p.Add(x => x.Filter, LiveFilter.Default).Add(x => x.OnChange, f => changed = f));

        var sources = cut.FindComponent<MudSelect<EventSource>>();
        await cut.InvokeAsync(() => sources.Instance.SelectedValuesChanged.InvokeAsync([EventSource.Entrust, EventSource.FusionAuth]));

        Assert.Equal([EventSource.Entrust, EventSource.FusionAuth], changed!.Sources);
    }

    [Fact]
    public void EventFilterBar_ProviderCodeInTheUrl_ShownAsAChipThatRemovesIt()
    {
        LiveFilter? changed = null;
        var filter = LiveFilter.Default with { ReasonField = "errorCode", ReasonCode = "E42", Ip = "192.0.2.1" };
        var cut = Render<EventFilterBar>(p => p.Add(x => x.Filter, filter).Add(x => x.OnChange, f => changed = f));

        // Values in the second row open it without a click.
        Assert.Equal("192.0.2.1", cut.Find("input[data-testid=filter-ip]").GetAttribute("value"));
        Assert.Contains("errorCode: E42", cut.Find("[data-testid=filter-reason-code]").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=filter-reason-code] button[aria-label=Close]").Click();

        Assert.Null(changed!.ReasonCode);
        Assert.Null(changed.ReasonField);
        Assert.Equal("192.0.2.1", changed.Ip);
    }

    [Fact]
    public void EventFilterBar_NothingFiltered_NoClearButtonAndTheSecondRowClosed()
    {
        var cut = Render<EventFilterBar>(p => p.Add(x => x.Filter, LiveFilter.Default).Add(x => x.OnChange, _ => { }));

        Assert.Empty(cut.FindAll("[data-testid=filter-clear]"));
        Assert.Empty(cut.FindAll("input[data-testid=filter-ip]"));
        Assert.Equal("false", cut.Find("[data-testid=filter-more]").GetAttribute("aria-expanded"));
    }
}
