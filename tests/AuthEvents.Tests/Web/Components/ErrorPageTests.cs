using AuthEvents.Tests.Support;
using Bunit;
using ErrorPage = AuthEvents.Web.Components.Pages.Errors.ErrorPage;

namespace AuthEvents.Tests.Web.Components;

/// <summary>The error page (/error, where the host sends an unhandled request failure): says so without any request data, and leads back.</summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class ErrorPageTests : ComponentTestContext
{
    [Fact]
    public void Render_SaysSomethingWentWrongAndLinksBackToTheOverview()
    {
        Navigation.NavigateTo("error?secret=do-not-echo");

        var cut = Render<ErrorPage>();

        Assert.Equal("Something went wrong", cut.Find("h1").TextContent);
        Assert.Contains("The request could not be completed. The error was logged (without request data).", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("/", cut.Find("a").GetAttribute("href"));
        Assert.DoesNotContain("do-not-echo", cut.Markup, StringComparison.Ordinal);
    }
}
