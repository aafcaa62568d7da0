using AuthEvents.Tests.Support;
using AuthEvents.Web.Components.Controls;
using AuthEvents.Web.Navigation;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// The layout asks the browser for the viewer's zone once per circuit and cascades it; a page reads again when it
/// arrives (or changes), never on its first render, where it has just loaded with the zone it had.
/// </summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class ViewerZoneCascadeTests : ComponentTestContext
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public void FirstRender_ZoneNotYetKnown_NoExtraRead()
    {
        var cut = Render<CascadingValue<ViewerZone>>(p => p.Add(x => x.Value, ViewerZone.Unknown).AddChildContent<ZonePage>());

        Assert.Empty(cut.FindComponent<ZonePage>().Instance.Seen);
    }

    [Fact]
    public void ZoneArrives_PageReadsOnceWithIt_AndNotAgainForTheSameZone()
    {
        var cut = Render<CascadingValue<ViewerZone>>(p => p.Add(x => x.Value, ViewerZone.Unknown).AddChildContent<ZonePage>());

        cut.Render(p => p.Add(x => x.Value, new ViewerZone(Paris, true)).AddChildContent<ZonePage>());
        cut.Render(p => p.Add(x => x.Value, new ViewerZone(Paris, true)).AddChildContent<ZonePage>());

        var page = cut.FindComponent<ZonePage>();
        Assert.Equal(["Europe/Paris"], page.Instance.Seen);
        Assert.Equal("Europe/Paris", page.Find("span").TextContent);
    }

    private sealed class ZonePage : PageComponentBase
    {
        public List<string> Seen { get; } = [];

        protected override Task OnZoneChangedAsync()
        {
            Seen.Add(Zone.Zone.Id);
            return Task.CompletedTask;
        }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "span");
            builder.AddContent(1, Zone.Zone.Id);
            builder.CloseElement();
        }
    }
}
