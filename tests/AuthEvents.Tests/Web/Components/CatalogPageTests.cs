using AuthEvents.Core.Journeys;
using AuthEvents.Tests.Support;
using AuthEvents.Ingest.Feed;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using CatalogPage = AuthEvents.Web.Components.Pages.Catalog.CatalogPage;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// The journey catalog (/journeys/catalog): every funnel's steps with the provider events that reach them, and the
/// provider's event types with their milestone and step, one provider at a time through the URL.
/// </summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class CatalogPageTests : ComponentTestContext
{
    public CatalogPageTests() =>
        AddFeed(new EventFeed(Time, NullLogger<EventFeed>.Instance));

    [Fact]
    public void Render_SignInFunnel_ItsStepsWithTheEventsThatReachThem()
    {
        Navigation.NavigateTo("journeys/catalog");

        var cut = Render<CatalogPage>();

        Assert.Equal(Funnels.All.Select(f => $"catalog-funnel-{f.Id}"), cut.FindAll("section.ae-catalog-funnel").Select(s => s.GetAttribute("data-testid")));
        var signIn = cut.Find("[data-testid=catalog-funnel-sign-in]");
        Assert.StartsWith("Sign-in · conversion window 30 min", Words(signIn.QuerySelector("h2")!.TextContent), StringComparison.Ordinal);
        var steps = signIn.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(["Sign-in started", "Password accepted", "Second factor passed", "Signed in"],
            steps.Select(r => r.QuerySelector("th")!.ChildNodes[0].TextContent));
        Assert.Equal("can be implied by a later step", steps[1].QuerySelector("th .ae-funnel-note")!.TextContent);
        // The last step is reached by each provider's completed sign-in.
        var signedIn = steps[3].QuerySelectorAll("td")[1].TextContent;
        Assert.Contains("1Password success", signedIn, StringComparison.Ordinal);
        Assert.Contains("Login.gov login-completed", signedIn, StringComparison.Ordinal);
        Assert.Contains("Entrust authentication.succeeded", signedIn, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SourceInTheUrl_OnlyThatProvidersEventTypesAndItsToggleChosen()
    {
        Navigation.NavigateTo("journeys/catalog?source=OnePassword");

        var cut = Render<CatalogPage>();

        var rows = Entries(cut);
        Assert.All(rows, r => Assert.Equal("1Password", r[0]));
        Assert.Equal(
            ["credentials_failed", "sso_failed", "modern_version_failed", "firewall_failed", "firewall_reported_success", "mfa_failed", "success", "*"],
            rows.Select(r => r[1]));
        // The step orders events across milestones: the milestone's place (sixth) times ten, plus the type's place within it.
        Assert.Equal(["login.password", "61", "Failure"], rows[0].Skip(2).Take(3));
        Assert.Equal("Wrong account password or secret key.", rows[0][5]);
        Assert.Equal(["1Password"], cut.FindAll("[data-testid=catalog-source] .ae-toggle-selected").Select(t => t.TextContent.Trim()));
        Assert.Equal("journeys/catalog?source=OnePassword", Navigation.ToBaseRelativePath(Navigation.Uri));
    }

    [Fact]
    public async Task ChooseProvider_Entrust_WritesTheUrlAndListsItsEventTypes()
    {
        Navigation.NavigateTo("journeys/catalog?source=OnePassword");
        var cut = Render<CatalogPage>();

        await cut.FindAll("[data-testid=catalog-source] .mud-toggle-item").Single(t => t.TextContent.Trim() == "Entrust").ClickAsync(new());

        Assert.Equal("journeys/catalog?source=Entrust", Navigation.ToBaseRelativePath(Navigation.Uri));
        cut.WaitForAssertion(() => Assert.All(Entries(cut), r => Assert.Equal("Entrust", r[0])), Patience.HangGuard);
        Assert.Contains(Entries(cut), r => r[1] == "authentication.failed" && r[2] == "mfa.verify");
        // Entrust's failure is told apart by its token: the row says which.
        Assert.Contains(Entries(cut), r => r[1].StartsWith("authentication.failed", StringComparison.Ordinal) && r[1].Contains("when token = PASSWORD", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_UnknownSourceInTheUrl_EveryProviderAndTheUrlNormalized()
    {
        Navigation.NavigateTo("journeys/catalog?source=NoSuchProvider");

        var cut = Render<CatalogPage>();

        Assert.Equal("journeys/catalog", Navigation.ToBaseRelativePath(Navigation.Uri));
        Assert.Equal(["Login.gov", "1Password", "Entrust", "FusionAuth"], Entries(cut).Select(r => r[0]).Distinct());
        Assert.Equal(["All providers"], cut.FindAll("[data-testid=catalog-source] .ae-toggle-selected").Select(t => t.TextContent.Trim()));
    }

    [Theory]
    [InlineData("entrust")]
    [InlineData("ENTRUST")]
    public void Render_SourceInAnyCase_ThatProviderAndTheUrlSpelledAsEverywhere(string spelled)
    {
        Navigation.NavigateTo("journeys/catalog?source=" + spelled);

        var cut = Render<CatalogPage>();

        Assert.Equal("journeys/catalog?source=Entrust", Navigation.ToBaseRelativePath(Navigation.Uri));
        Assert.Equal(["Entrust"], Entries(cut).Select(r => r[0]).Distinct());
    }

    [Fact]
    public void Render_SourceAsANumber_NotAProvider()
    {
        Navigation.NavigateTo("journeys/catalog?source=2");

        var cut = Render<CatalogPage>();

        Assert.Equal("journeys/catalog", Navigation.ToBaseRelativePath(Navigation.Uri));
        Assert.Equal(["Login.gov", "1Password", "Entrust", "FusionAuth"], Entries(cut).Select(r => r[0]).Distinct());
    }

    private static List<List<string>> Entries(IRenderedComponent<CatalogPage> cut) =>
        cut.FindAll("[data-testid=catalog-entries] tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => Words(td.TextContent)).ToList()).ToList();

    private static string Words(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
}
