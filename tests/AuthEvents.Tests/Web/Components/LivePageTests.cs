using AuthEvents.Core.Events;
using AuthEvents.Core.Normalization;
using AuthEvents.Demo.Simulation;
using AuthEvents.Tests.Normalization;
using AuthEvents.Tests.Support;
using Bunit;
using AuthEvents.Web.Components.Pages.Live;
using LivePage = AuthEvents.Web.Components.Pages.Live.LivePage;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// The live page over a store holding a few events: its rows, newest first; a filter in the URL restored into the filter
/// bar and applied to the rows, and a filter typed written to the URL; events announced by the feed inserted, or while
/// paused only counted until the analyst resumes; and a clicked row opened in the detail panel, personal data masked.
/// Rows are found by their <c>data-event-id</c>, which any grid the page uses keeps.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class LivePageTests : PageTestContext
{
    // A Login.gov SSN check that failed, carrying the personal data such payloads can; stored through the real normalizer.
    private const string Email = "Zeb.Quack@Example.org";
    private const string PersonalPayload = """
        {
          "jti": "a1000001-0000-4000-8000-0000000000c1",
          "iat": 1795348680,
          "iss": "https://secure.login.gov/",
          "aud": "urn:gov:gsa:openidconnect.profiles:sp:sso:agency:example-app",
          "events": {
            "https://schemas.login.gov/secevent/attempts-api/event-type/idv-ssn-submitted": {
              "subject": { "subject_type": "session", "session_id": "sp-session-7781" },
              "occurred_at": 1795348680.25,
              "user_agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/136.0",
              "unique_session_id": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b",
              "user_uuid": "5d2b8c7e-1f3a-4e6b-9c0d-7a8b9c0d1e2f",
              "user_ip_address": "198.51.100.23",
              "email": "Zeb.Quack@Example.org",
              "phone_number": "(202) 555-0147",
              "ssn": "900-12-3456",
              "date_of_birth": "1984-02-29",
              "first_name": "Zebediah",
              "last_name": "Quackenbush",
              "success": false,
              "failure_reason": { "ssn": ["invalid"] }
            }
          }
        }
        """;

    private IReadOnlyList<long> _ids = [];

    [Fact]
    public async Task Render_StoredEvents_RowsNewestFirstWithTheirCount()
    {
        await StoreEventsAsync();

        var cut = RenderPage("live");

        cut.WaitForAssertion(() => Assert.Equal(3, RowIds(cut).Count), Patience.HangGuard);
        Assert.Equal([_ids[2], _ids[1], _ids[0]], RowIds(cut));
        Assert.Contains("credentials_failed", Row(cut, _ids[2]).TextContent, StringComparison.Ordinal);
        Assert.StartsWith("3 events match", cut.Find("[data-testid=live-count]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Live", cut.Find("[data-testid=live-status]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=event-detail]"));
    }

    [Fact]
    public async Task Render_OutcomeInTheUrl_FilterBarShowsItAndOnlyMatchingRowsAreListed()
    {
        await StoreEventsAsync();

        var cut = RenderPage("live?outcome=failure");

        cut.WaitForAssertion(() => Assert.Equal([_ids[2], _ids[1]], RowIds(cut)), Patience.HangGuard);
        Assert.Equal("Failure", cut.Find("input[data-testid=filter-outcome]").GetAttribute("value"));
        Assert.NotEmpty(cut.FindAll("[data-testid=filter-clear]"));
        Assert.StartsWith("2 events match", cut.Find("[data-testid=live-count]").TextContent, StringComparison.Ordinal);
        Assert.Equal("live?outcome=failure", Navigation.ToBaseRelativePath(Navigation.Uri));
    }

    [Fact]
    public async Task Search_Typed_WritesTheUrlAndNarrowsTheRows()
    {
        await StoreEventsAsync();
        var cut = RenderPage("live?outcome=failure");
        cut.WaitForAssertion(() => Assert.Equal(2, RowIds(cut).Count), Patience.HangGuard);

        await cut.Find("input[data-testid=filter-text]").ChangeAsync(new() { Value = " credentials_failed " });

        Assert.Equal("live?outcome=failure&q=credentials_failed", Navigation.ToBaseRelativePath(Navigation.Uri));
        cut.WaitForAssertion(() => Assert.Equal([_ids[2]], RowIds(cut)), Patience.HangGuard);
        Assert.Equal("credentials_failed", cut.Find("input[data-testid=filter-text]").GetAttribute("value"));
    }

    [Fact]
    public async Task Search_OneCharacterWord_IgnoredWithAHintTheOtherWordsStillSearch()
    {
        await StoreEventsAsync();
        var cut = RenderPage("live?outcome=failure");
        cut.WaitForAssertion(() => Assert.Equal(2, RowIds(cut).Count), Patience.HangGuard);

        await cut.Find("input[data-testid=filter-text]").ChangeAsync(new() { Value = "credentials e" });

        cut.WaitForAssertion(() => Assert.Equal([_ids[2]], RowIds(cut)), Patience.HangGuard);
        Assert.Contains("Ignored, too short: e", cut.Find("[data-testid=filter-bar]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_EventArrivesWhileLive_InsertedAtTheTop()
    {
        await StoreEventsAsync();
        var cut = RenderPage("live");
        cut.WaitForAssertion(() => Assert.Equal(3, RowIds(cut).Count), Patience.HangGuard);

        var added = await StoreAndPublishAsync(Event("fa-1", 1, EventSource.FusionAuth, "user.login.failed", Outcome.Failure, person: "email:d0d"));

        cut.WaitForAssertion(() => Assert.Equal([added[0], _ids[2], _ids[1], _ids[0]], RowIds(cut)), Patience.HangGuard);
        Assert.StartsWith("4 events match", cut.Find("[data-testid=live-count]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_EventsArriveWhileHeld_CountedNotInsertedUntilResumed()
    {
        await StoreEventsAsync();
        var cut = RenderPage("live");
        cut.WaitForAssertion(() => Assert.Equal(3, RowIds(cut).Count), Patience.HangGuard);

        await cut.Find("[data-testid=pause-button]").ClickAsync(new());
        Assert.Equal("Paused · 0 new since", cut.Find("[data-testid=live-status]").TextContent);
        Assert.Equal("Resume", cut.Find("[data-testid=pause-button]").TextContent.Trim());

        var added = await StoreAndPublishAsync(
            Event("fa-1", 2, EventSource.FusionAuth, "user.login.failed", Outcome.Failure, person: "email:d0d"),
            Event("fa-2", 1, EventSource.FusionAuth, "user.login.success", Outcome.Success, person: "email:d0d"));

        cut.WaitForAssertion(() => Assert.Equal("Paused · 2 new since", cut.Find("[data-testid=live-status]").TextContent), Patience.HangGuard);
        Assert.Equal([_ids[2], _ids[1], _ids[0]], RowIds(cut));
        Assert.StartsWith("3 events match", cut.Find("[data-testid=live-count]").TextContent, StringComparison.Ordinal);

        await cut.Find("[data-testid=pause-button]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal([added[1], added[0], _ids[2], _ids[1], _ids[0]], RowIds(cut)), Patience.HangGuard);
        Assert.Equal("Live", cut.Find("[data-testid=live-status]").TextContent);
        Assert.StartsWith("5 events match", cut.Find("[data-testid=live-count]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RowClicked_EventWithPersonalData_DetailOpensWithTheUrlAndShowsItMasked()
    {
        var sensitive = SensitiveValues.Collect([new SimulatedDelivery(EventSource.LoginGov, PersonalPayload, Now, IsMalformed: false)]);
        // Guards the search below against passing because the payload lost its personal data.
        Assert.Superset(new HashSet<string> { "email", "ssn", "date_of_birth" }, sensitive.ByKind.Keys.ToHashSet());
        await StoreEventsAsync();
        var normalized = new EventNormalizers(FixtureFiles.Hasher).For(EventSource.LoginGov).Normalize(FixtureFiles.RawFor(EventSource.LoginGov, PersonalPayload));
        Assert.True(normalized.IsAccepted, normalized.RejectionReason);
        var id = (await StoreAsync(normalized.Event!))[0];
        var cut = RenderPage("live");
        cut.WaitForAssertion(() => Assert.Equal(id, RowIds(cut)[0]), Patience.HangGuard);

        await Row(cut, id).QuerySelector("td")!.ClickAsync(new());

        Assert.Equal($"live?event={id}", Navigation.ToBaseRelativePath(Navigation.Uri));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=event-detail]")), Patience.HangGuard);
        var detail = cut.Find("[data-testid=event-detail]");
        Assert.Equal("idv-ssn-submitted", detail.QuerySelector(".ae-detail-title")!.TextContent);
        Assert.Equal("z***@example.org", cut.Find("[data-testid=detail-person]").TextContent);
        Assert.Equal($"people/{Uri.EscapeDataString(FixtureFiles.Hasher.HashEmail(Email)!)}", cut.Find("[data-testid=detail-person]").GetAttribute("href"));
        Assert.Equal(["ssn", "invalid"], cut.FindAll("[data-testid=detail-reasons] tbody td").Skip(1).Select(td => td.TextContent));
        // Nowhere on the page, grid and detail alike: not the e-mail, SSN, birth date, phone or name.
        Assert.Empty(sensitive.FindIn(cut.Markup));
        Assert.Equal("true", Row(cut, id).GetAttribute("aria-selected"));
    }

    [Fact]
    public async Task Render_SelectedEventInTheUrl_DetailOpenAndClosedByItsButton()
    {
        await StoreEventsAsync();
        var cut = RenderPage($"live?event={_ids[1]}");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=event-detail]")), Patience.HangGuard);
        Assert.Equal("mfa-login-auth-submitted", cut.Find("[data-testid=event-detail] .ae-detail-title").TextContent);

        await cut.Find("button[aria-label='Close detail']").ClickAsync(new());

        Assert.Equal("live", Navigation.ToBaseRelativePath(Navigation.Uri));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=event-detail]")), Patience.HangGuard);
    }

    [Fact]
    public async Task Pause_BeforeTheFirstReadLanded_ItsRowsStillShowAndHoldStill()
    {
        await StoreEventsAsync();
        Contexts.Hold();
        var cut = RenderPage("live");

        await cut.Find("[data-testid=pause-button]").ClickAsync(new());
        Assert.Empty(RowIds(cut));
        Contexts.Release();

        cut.WaitForAssertion(() => Assert.Equal([_ids[2], _ids[1], _ids[0]], RowIds(cut)), Patience.HangGuard);
        Assert.Equal("Paused · 0 new since", cut.Find("[data-testid=live-status]").TextContent);
        var added = await StoreAndPublishAsync(Event("fa-1", 1, EventSource.FusionAuth, "user.login.failed", Outcome.Failure, person: "email:d0d"));
        cut.WaitForAssertion(() => Assert.Equal("Paused · 1 new since", cut.Find("[data-testid=live-status]").TextContent), Patience.HangGuard);
        Assert.Equal([_ids[2], _ids[1], _ids[0]], RowIds(cut));

        // Searched while paused before any rows showed: the search's rows show, still paused.
        await cut.Find("input[data-testid=filter-text]").ChangeAsync(new() { Value = "user.login.failed" });
        cut.WaitForAssertion(() => Assert.Equal([added[0]], RowIds(cut)), Patience.HangGuard);
        Assert.StartsWith("Paused", cut.Find("[data-testid=live-status]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadOlder_MoreThanAPageMatches_HeldViewListsTheRestAtTheEndOfTheList()
    {
        // A page and 20 more: sign-ins a second apart, the newest a minute ago.
        var events = Enumerable.Range(0, LiveWindow.DefaultCapacity + 20)
            .Select(i => Event($"op-{i}", 1 + (i / 60.0), EventSource.OnePassword, "credentials_failed", person: "email:b0b"))
            .ToArray();
        await StoreAsync(events);
        var cut = RenderPage("live");
        cut.WaitForAssertion(() => Assert.Equal("520 events match · the newest 500 listed", CountText(cut)), Patience.HangGuard);
        Assert.Equal("500 of 520 listed · scroll on or load 20 older", cut.Find("[data-testid=grid-end] [role=status]").TextContent);
        // Live, the rows keep to the newest page: the button asks to hold the view first.
        Assert.True(cut.Find("[data-testid=load-older]").HasAttribute("disabled"));

        await cut.Find("[data-testid=pause-button]").ClickAsync(new());
        // The store fails the first time: the page says so, the circuit lives on, and the rows stay as they were.
        Contexts.Failure = new InvalidOperationException("SQLite Error 10: disk I/O error at /secret/path");
        await cut.Find("[data-testid=load-older]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=load-error]")), Patience.HangGuard);
        Assert.DoesNotContain("/secret/path", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("520 events match · the newest 500 listed", CountText(cut));
        Contexts.Failure = null;

        await cut.Find("[data-testid=load-older]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("520 events match", CountText(cut)), Patience.HangGuard);
        Assert.Equal("All 520 matching events listed.", cut.Find("[data-testid=grid-end] [role=status]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=load-older]"));

        // Resumed: back to the newest page.
        await cut.Find("[data-testid=pause-button]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal("520 events match · the newest 500 listed", CountText(cut)), Patience.HangGuard);
    }

    private static string CountText(IRenderedComponent<LivePage> cut) => cut.Find("[data-testid=live-count]").TextContent.Split(" · updated")[0];

    private IRenderedComponent<LivePage> RenderPage(string url)
    {
        Navigation.NavigateTo(url);
        return Render<LivePage>();
    }

    private static List<long> RowIds(IRenderedComponent<LivePage> cut) =>
        cut.FindAll("tr[data-event-id]").Select(r => long.Parse(r.GetAttribute("data-event-id")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<LivePage> cut, long id) => cut.Find($"tr[data-event-id='{id}']");

    /// <summary>A Login.gov sign-in with a wrong MFA code, then a failed 1Password sign-in: ids oldest first.</summary>
    private async Task StoreEventsAsync() => _ids = await StoreAsync(
        Event("lg-1", 30, EventSource.LoginGov, "login-email-and-password-auth", Outcome.Success, person: "email:a11ce", email: "a***@example.com"),
        Event("lg-2", 29, EventSource.LoginGov, "mfa-login-auth-submitted", Outcome.Failure, person: "email:a11ce", authenticator: "totp",
            reason: new FailureReason("otp", "invalid", CanonicalReasons.MfaInvalid)),
        Event("op-1", 20, EventSource.OnePassword, "credentials_failed", person: "email:b0b", email: "b***@example.com",
            reason: new FailureReason("type", "password_secret_bad", CanonicalReasons.InvalidCredentials)));
}
