using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Components.Charts;
using AuthEvents.Web.Components.Controls;
using AuthEvents.Web.Navigation;
using AuthEvents.Web.Components.Pages.Failures;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// The failure tree draws the rows its view model makes visible; its toggles hand a node's id to the owner, which keeps
/// the expand state (<see cref="FailuresViewModel"/>) and renders again, as the failures page does.
/// </summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class FailureTreeTests : ComponentTestContext
{
    private static readonly DateTimeOffset From = Now.AddHours(-2);

    [Fact]
    public void Render_BySource_OneRowPerVisibleNodeAtItsLevel()
    {
        var cut = Render<FailureTreeHost>(p => p.Add(x => x.Model, Model(FailureGrouping.Source)));

        Assert.Equal("source", cut.Find("[data-testid=failure-tree]").GetAttribute("data-grouping"));
        Assert.Equal(["source", "eventtype", "eventtype", "source"], Rows(cut, "data-level"));
        Assert.Equal(["0", "1", "1", "0"], Rows(cut, "data-depth"));
        Assert.Equal(["Login.gov", "login-email-and-password-auth", "idv-phone-submitted", "1Password"], cut.FindAll("[data-testid=tree-link]").Select(a => a.TextContent));
        // Until the viewer chooses, only the largest source is open.
        Assert.Equal(["true", "false", "false", "false"], cut.FindAll("[data-testid=tree-toggle]").Select(b => b.GetAttribute("aria-expanded")));
        Assert.Equal("Source › event type › field › provider code", cut.Find("thead th").TextContent);
    }

    [Fact]
    public void Toggle_ClosedSource_ExpandsItThenCollapsesIt()
    {
        var cut = Render<FailureTreeHost>(p => p.Add(x => x.Model, Model(FailureGrouping.Source)));

        cut.Find("button[aria-label='Expand source 1Password']").Click();

        Assert.Equal("true", cut.Find("button[aria-label='Collapse source 1Password']").GetAttribute("aria-expanded"));
        Assert.Equal(["source", "eventtype", "eventtype", "source", "eventtype"], Rows(cut, "data-level"));
        Assert.Equal("credentials_failed", cut.FindAll("[data-testid=tree-link]")[^1].TextContent);

        cut.Find("button[aria-label='Collapse source 1Password']").Click();

        Assert.Equal("false", cut.Find("button[aria-label='Expand source 1Password']").GetAttribute("aria-expanded"));
        Assert.Equal(["source", "eventtype", "eventtype", "source"], Rows(cut, "data-level"));
    }

    [Fact]
    public void Regroup_ByReason_CanonicalReasonsWithTheirProviderCodes()
    {
        var model = Model(FailureGrouping.Source);
        var cut = Render<FailureTreeHost>(p => p.Add(x => x.Model, model));

        // What the page does when the viewer picks "By reason": the model is shown again with the new filter.
        model.Show(new FailuresFilter { Grouping = FailureGrouping.Reason }, From, Now, Data(), null);
        cut.Render(p => p.Add(x => x.Model, model));

        Assert.Equal("reason", cut.Find("[data-testid=failure-tree]").GetAttribute("data-grouping"));
        Assert.Equal(["canonical", "code", "code", "canonical"], Rows(cut, "data-level"));
        Assert.Equal(
            [CanonicalReasons.InvalidCredentials, "credentials_failed", "invalid", CanonicalReasons.MfaInvalid],
            cut.FindAll("[data-testid=tree-link]").Select(a => a.TextContent));
        Assert.Equal("1Password · credentials_failed · category", cut.FindAll("tr[data-level=code] .ae-ftree-detail")[0].TextContent);
        Assert.Equal("Canonical reason › provider code", cut.Find("thead th").TextContent);
    }

    private static List<string?> Rows(IRenderedComponent<FailureTreeHost> cut, string attribute) =>
        cut.FindAll("tbody tr").Select(r => r.GetAttribute(attribute)).ToList();

    private static FailuresViewModel Model(FailureGrouping grouping)
    {
        var model = new FailuresViewModel();
        model.Show(new FailuresFilter { Grouping = grouping }, From, Now, Data(), null);
        return model;
    }

    private static FailuresData Data()
    {
        var (invalid, phone, credentials) = (FailureFixture.Invalid, FailureFixture.Phone, FailureFixture.Credentials);
        IReadOnlyList<DateTimeOffset> buckets = [From, From.AddHours(1)];
        var bySource = FailureFixture.BySource(From, Now, buckets);
        var byReason = new FailureBreakdown(From, Now, 20, TimeSpan.FromHours(1), buckets,
        [
            FailureFixture.Node(FailureLevel.Canonical, CanonicalReasons.InvalidCredentials, 16, credentials, invalid) with { Canonical = CanonicalReasons.InvalidCredentials },
            FailureFixture.Node(FailureLevel.Canonical, CanonicalReasons.MfaInvalid, 4, phone) with { Canonical = CanonicalReasons.MfaInvalid },
        ]);
        var overTime = new TimeSeries(TimeSpan.FromHours(1), buckets,
        [
            new SeriesLine(CanonicalReasons.InvalidCredentials, [10, 6]),
            new SeriesLine(CanonicalReasons.MfaInvalid, [4, 0]),
        ]);
        return new FailuresData(bySource, byReason, overTime);
    }

    /// <summary>Owns the tree as the failures page does: rows and grouping from the model, a toggle changes the model and renders again.</summary>
    private sealed class FailureTreeHost : ComponentBase
    {
        [Parameter, EditorRequired]
        public FailuresViewModel Model { get; set; } = default!;

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<FailureTree>(0);
            builder.AddComponentParameter(1, nameof(FailureTree.Rows), Model.TreeRows());
            builder.AddComponentParameter(2, nameof(FailureTree.Grouping), Model.Filter.Grouping);
            builder.AddComponentParameter(3, nameof(FailureTree.Bucket), SeriesCharts.Label(Model.Tree!.TrendBucketSize));
            builder.AddComponentParameter(4, nameof(FailureTree.OnToggle), EventCallback.Factory.Create<string>(this, Model.Toggle));
            builder.CloseComponent();
        }
    }
}
