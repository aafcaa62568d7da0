using AuthEvents.Core.Events;
using AuthEvents.Ingest.Feed;
using AuthEvents.Store;
using AuthEvents.Store.Journeys;
using AuthEvents.Tests.Journeys;
using AuthEvents.Tests.Support;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using JourneysPage = AuthEvents.Web.Components.Pages.Journeys.JourneysPage;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// The /journeys page over a real (file) store holding a few sign-ins: its pickers show the URL's choices by their
/// labels, each picker's label names its input, and every choice navigates to the view's normal URL.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class JourneysPageTests : ComponentTestContext
{
    private const string SignInBySource = "journeys?funnel=sign-in&range=24h&breakdown=source";

    private readonly TestDatabase _database = new();

    public JourneysPageTests()
    {
        Services.AddSingleton(new JourneyQueries(_database.Contexts));
        AddFeed(new EventFeed(Time, NullLogger<EventFeed>.Instance));
    }

    [Fact]
    public async Task Render_SignInsBySource_PickersShowTheUrlsChoicesByTheirLabels()
    {
        await StoreSignInsAsync();
        Navigation.NavigateTo(SignInBySource);

        var cut = Render<JourneysPage>();

        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=journey-tiles] .ae-tile-value").TextContent), Patience.HangGuard);
        Assert.Equal("Journeys", cut.Find("h1").TextContent);
        Assert.Equal("By source", cut.Find("h2.ae-section-title").TextContent);
        Assert.Contains("1Password", cut.Find("[data-testid=funnel-breakdown]").TextContent, StringComparison.Ordinal);
        // Each test id is on the picker's input, which its visible label names and which shows the choice's label.
        Assert.Equal(
            [("funnel-picker", "Sign-in", "Funnel"), ("window-picker", "Funnel's own (30 min)", "Conversion window"), ("breakdown-picker", "Source", "Break down by")],
            cut.FindAll("input[role=combobox]").Select(i => (i.GetAttribute("data-testid"), i.GetAttribute("value"), cut.Find($"label[for={i.Id}]").TextContent)));
        var range = cut.Find("[data-testid=range-picker]");
        Assert.Equal(("group", "Range"), (range.GetAttribute("role"), cut.Find("#" + range.GetAttribute("aria-labelledby")).TextContent));
        Assert.Equal(["Last hour", "24 hours", "7 days", "30 days"], range.QuerySelectorAll("button").Select(b => b.TextContent));
        Assert.Equal("24 hours", range.QuerySelector("button[aria-checked=true]")!.TextContent);
        Assert.Equal(SignInBySource, Navigation.ToBaseRelativePath(Navigation.Uri));
    }

    [Fact]
    public async Task Choose_RangeThenBreakdownThenFunnel_EachNavigatesToTheViewsNormalUrl()
    {
        await StoreSignInsAsync();
        Navigation.NavigateTo(SignInBySource);
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<JourneysPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=funnel-breakdown]")), Patience.HangGuard);

        await cut.Find("[data-testid=range-picker]").QuerySelectorAll("button").Single(b => b.TextContent == "Last hour").ClickAsync(new());
        Assert.Equal("journeys?funnel=sign-in&range=1h&breakdown=source", Navigation.ToBaseRelativePath(Navigation.Uri));

        await ChooseAsync(cut, popovers, "breakdown-picker", "Country");
        Assert.Equal("journeys?funnel=sign-in&range=1h&breakdown=country", Navigation.ToBaseRelativePath(Navigation.Uri));

        await ChooseAsync(cut, popovers, "window-picker", "5 minutes");
        Assert.Equal("journeys?funnel=sign-in&range=1h&window=5m&breakdown=country", Navigation.ToBaseRelativePath(Navigation.Uri));

        // Another funnel: the window chosen for the old one does not carry over.
        await ChooseAsync(cut, popovers, "funnel-picker", "Identity verification");
        Assert.Equal("journeys?range=1h&breakdown=country", Navigation.ToBaseRelativePath(Navigation.Uri));
        cut.WaitForAssertion(() => Assert.Equal("Identity verification", cut.Find("input[data-testid=funnel-picker]").GetAttribute("value")), Patience.HangGuard);
    }

    [Fact]
    public async Task Render_FixedRangeInTheUrl_ShownAsADisabledChosenItem()
    {
        await _database.MigrateAsync();
        Navigation.NavigateTo("journeys?from=2026-11-21T00%3A00%3A00Z&to=2026-11-22T00%3A00%3A00Z");

        var cut = Render<JourneysPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=journey-tiles]")), Patience.HangGuard);
        var chosen = cut.Find("[data-testid=range-picker] button[aria-checked=true]");
        Assert.Equal("Fixed range", chosen.TextContent);
        Assert.True(chosen.HasAttribute("disabled"));
        Assert.Contains("Nobody started this funnel in 2026-11-21 00:00:00 – 2026-11-22 00:00:00 UTC.", cut.Markup, StringComparison.Ordinal);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        _database.Dispose();
    }

    /// <summary>Opens a picker as the browser does (a mouse down on its input, which bubbles to the select) and clicks the option with that label.</summary>
    private static async Task ChooseAsync(IRenderedComponent<JourneysPage> cut, IRenderedComponent<MudPopoverProvider> popovers, string picker, string label)
    {
        await cut.Find($"input[data-testid={picker}]").MouseDownAsync(new());
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll(".mud-popover-open [role=option]")), Patience.HangGuard);
        await popovers.FindAll(".mud-popover-open [role=option]").Single(o => o.TextContent.Trim() == label).ClickAsync(new());
    }

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>Two people in the last hour: one signs in on Login.gov, one fails their 1Password password.</summary>
    private async Task StoreSignInsAsync()
    {
        await _database.MigrateAsync();
        var store = new EventStore(_database.Contexts, new StoreWriteGate(), Time);
        var j = new StoredJourney(Now.AddMinutes(-30));
        await j.CommitAsync(store,
            j.Event("lg-1", S(0), EventSource.LoginGov, "login-email-and-password-auth", Outcome.Success, person: "email:a11ce", email: "a***@example.com", subject: "U1", session: "S1"),
            j.Event("lg-2", S(20), EventSource.LoginGov, "mfa-login-auth-submitted", Outcome.Success, person: "email:a11ce", subject: "U1", session: "S1", authenticator: "totp"),
            j.Event("lg-3", S(21), EventSource.LoginGov, "login-completed", person: "email:a11ce", subject: "U1", session: "S1"),
            j.Event("op-1", S(60), EventSource.OnePassword, "credentials_failed", person: "email:b0b", email: "b***@example.com", subject: "OPBOB",
                reason: new FailureReason("type", "password_secret_bad", CanonicalReasons.InvalidCredentials)));
    }
}
