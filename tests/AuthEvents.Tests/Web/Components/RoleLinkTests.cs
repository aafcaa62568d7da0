using AuthEvents.Tests.Support;
using AuthEvents.Web.Access;
using AuthEvents.Web.Components.Controls;
using Bunit;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// A link into the dashboard is a link for a user whose roles open its page, and its text, plain, for anyone else:
/// without what only a link means (its address, pressed state, target), with a title that still says what it is.
/// </summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class RoleLinkTests : ComponentTestContext
{
    [Fact]
    public void Render_RolesOpenThePage_ALinkWithItsAttributes()
    {
        SignInAs("Ivy Investigator", AccessRole.Investigator);

        var cut = RenderLink("people/email%3Ab0b");

        var link = cut.Find("a");
        Assert.Equal(("people/email%3Ab0b", "ae-mono", "Open Bob", "true", "person-link", "b***@example.com"),
            (link.GetAttribute("href"), link.GetAttribute("class"), link.GetAttribute("title"), link.GetAttribute("aria-pressed"), link.GetAttribute("data-testid"), link.TextContent));
    }

    [Fact]
    public void Render_RolesDoNotOpenThePage_TheTextPlainWithoutTheLinksOwnAttributes()
    {
        SignInAs("Ana Analyst", AccessRole.Analyst);

        var cut = RenderLink("people/email%3Ab0b");

        Assert.Empty(cut.FindAll("a"));
        var text = cut.Find("span");
        Assert.Equal(("ae-mono", "b0b", null, null, "person-link", "b***@example.com"),
            (text.GetAttribute("class"), text.GetAttribute("title"), text.GetAttribute("aria-pressed"), text.GetAttribute("href"), text.GetAttribute("data-testid"), text.TextContent));
    }

    [Fact]
    public void Render_NoRoleAtAll_EvenTheOverviewIsText()
    {
        SignInAs("Nobody");

        var cut = Render<RoleLink>(p => p.Add(x => x.Href, "/").AddChildContent("Back to the overview"));

        Assert.Equal("<span>Back to the overview</span>", cut.Markup.Trim());
    }

    [Fact]
    public void Render_LocalAdministrator_EveryPageIsALink()
    {
        var cut = Render<RoleLink>(p => p.Add(x => x.Href, "sources#quarantine").AddChildContent("3"));

        Assert.Equal("sources#quarantine", cut.Find("a").GetAttribute("href"));
    }

    private IRenderedComponent<RoleLink> RenderLink(string href) => Render<RoleLink>(p => p
        .Add(x => x.Href, href)
        .Add(x => x.PlainTitle, "b0b")
        .AddUnmatched("class", "ae-mono")
        .AddUnmatched("title", "Open Bob")
        .AddUnmatched("aria-pressed", "true")
        .AddUnmatched("data-testid", "person-link")
        .AddChildContent("b***@example.com"));
}
