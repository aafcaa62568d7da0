using System.Text.Json;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Components.Charts;
using Bunit;
using Microsoft.JSInterop;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// The chart control hands its spec to <c>charts.js</c>: <c>create</c> once with every series, <c>update</c> at most
/// once per interval, <c>dispose</c> with the component; a clicked point comes back as its series and category.
/// </summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class ChartViewTests : ComponentTestContext
{
    private const int ChartId = 7;

    // Blazor's JS interop serializes arguments with the web defaults (camelCase).
    private static readonly JsonSerializerOptions Interop = new(JsonSerializerDefaults.Web);

    private static readonly ChartSpec TwoSeries = new()
    {
        Type = "bar",
        Categories = ["Mon", "Tue", "Wed"],
        Series =
        [
            new ChartSeries("Success", "success", [12, 9, null]),
            new ChartSeries("Failure", "failure", [3, 0, 5]),
        ],
        Stacked = true,
    };

    private readonly BunitJSModuleInterop _module;

    public ChartViewTests()
    {
        // The module the component imports, under the URL it asks for; create answers with the chart's id.
        _module = JSInterop.SetupModule(Assets.Url("charts.js"));
        _module.Setup<int>("create", _ => true).SetResult(ChartId);
    }

    [Fact]
    public void Render_TwoSeries_CreatesTheChartWithTheirNamesAndPoints()
    {
        var cut = Render<ChartView>(p => p.Add(x => x.Spec, TwoSeries).Add(x => x.Label, "Sign-ins").Add(x => x.TestId, "chart"));

        var create = _module.VerifyInvoke("create");
        var spec = Assert.IsType<ChartSpec>(create.Arguments[1]);
        Assert.Equal(["Success", "Failure"], spec.Series.Select(s => s.Name));
        Assert.Equal([12, 9, null], spec.Series[0].Data);
        Assert.Equal([3, 0, 5], spec.Series[1].Data);
        Assert.Equal(["Mon", "Tue", "Wed"], spec.Categories);
        Assert.Equal(false, create.Arguments[2]);
        Assert.IsType<DotNetObjectReference<ChartView>>(create.Arguments[3]);
        // As charts.js reads it: spec.series[i].name and .data, in JS interop's camelCase JSON.
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(spec, Interop));
        Assert.Equal(["Success", "Failure"], json.RootElement.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal("[3,0,5]", json.RootElement.GetProperty("series")[1].GetProperty("data").GetRawText());
        // The figure says what it draws, for assistive technology and tests: non-zero points only.
        Assert.Equal("4", cut.Find("[data-testid=chart]").GetAttribute("data-points"));
        Assert.Equal("Sign-ins: 2 series, 4 data points.", cut.Find("figcaption").TextContent);
    }

    [Fact]
    public async Task Render_NewDataWithinTheInterval_UpdatesInPlaceOnlyWhenTheIntervalHasPassed()
    {
        var cut = Render<ChartView>(p => p.Add(x => x.Spec, TwoSeries).Add(x => x.Label, "Sign-ins"));
        var newer = TwoSeries with { Series = [TwoSeries.Series[0] with { Data = [13, 9, 1] }, TwoSeries.Series[1]] };

        cut.Render(p => p.Add(x => x.Spec, newer));

        Assert.Empty(_module.Invocations["update"]);
        Time.Advance(TimeSpan.FromSeconds(1));
        // The flush resumes on the renderer's dispatcher; anything queued after the timer fired runs after it.
        await cut.InvokeAsync(() => { });
        var update = Assert.Single(_module.Invocations["update"]);
        Assert.Equal(ChartId, update.Arguments[0]);
        Assert.Same(newer, update.Arguments[1]);
        Assert.Equal(false, update.Arguments[3]);
    }

    [Fact]
    public async Task OnJsPointSelected_SecondSeriesFirstPoint_RaisesItsSeriesAndCategory()
    {
        ChartPoint? selected = null;
        var cut = Render<ChartView>(p => p.Add(x => x.Spec, TwoSeries).Add(x => x.Label, "Sign-ins").Add(x => x.OnPointSelected, (ChartPoint point) => selected = point));

        await cut.InvokeAsync(() => cut.Instance.OnJsPointSelected(1, 0));

        Assert.Equal(new ChartPoint("Failure", 1, 0, "Mon", null), selected);
    }

    [Fact]
    public async Task Dispose_CreatedChart_DisposesItInTheModule()
    {
        Render<ChartView>(p => p.Add(x => x.Spec, TwoSeries).Add(x => x.Label, "Sign-ins"));

        await DisposeComponentsAsync();

        Assert.Equal(ChartId, Assert.Single(_module.Invocations["dispose"]).Arguments[0]);
    }
}
