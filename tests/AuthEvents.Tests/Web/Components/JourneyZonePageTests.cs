using AuthEvents.Core.Events;
using AuthEvents.Ingest.Feed;
using AuthEvents.Store;
using AuthEvents.Store.Journeys;
using AuthEvents.Tests.Journeys;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Navigation;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using JourneysPage = AuthEvents.Web.Components.Pages.Journeys.JourneysPage;
using PersonPage = AuthEvents.Web.Components.Pages.Person.PersonPage;
using SessionPage = AuthEvents.Web.Components.Pages.Session.SessionPage;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// The person, session and journeys pages over a real (file) store: times read in the zone the layout cascades (Asia/Tokyo here,
/// nine hours ahead of UTC), in UTC with <c>tz=utc</c>, and switch from UTC to the viewer's zone when the browser's
/// answer arrives after the first render.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class JourneyZonePageTests : ComponentTestContext
{
    private const string Alice = "email:a11ce";
    private const string PersonUrl = "people/email%3Aa11ce";

    // Alice's sign-in, half an hour before the tests' now: 11:30:00, :20 and :21 UTC, 20:30 in Tokyo.
    private static readonly string[] TokyoTimes = ["20:30:00", "20:30:20", "20:30:21"];
    private static readonly string[] UtcTimes = ["11:30:00", "11:30:20", "11:30:21"];
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private readonly TestDatabase _database = new();

    public JourneyZonePageTests()
    {
        Services.AddSingleton(new JourneyQueries(_database.Contexts));
        Services.AddSingleton(new PersonJourneyQueries(_database.Contexts));
        Services.AddSingleton(new AuthEvents.Core.Journeys.PersonFlagOptions());
        Services.AddSingleton(new SessionJourneyQueries(_database.Contexts));
        AddFeed(new EventFeed(Time, NullLogger<EventFeed>.Instance));
        Services.AddSingleton(new AuthEvents.Store.Audit.AuditStore(_database.Contexts, _gate, AuthEvents.Store.Audit.AuditChain.FromPayloadKey(new byte[32]), Time));
        Services.AddSingleton<AuthEvents.Web.Audit.AuditLog>();
        Services.AddLogging();
    }

    private readonly AuthEvents.Store.StoreWriteGate _gate = new();

    private ViewerClock Clock => Services.GetRequiredService<ViewerClock>();

    [Fact]
    public async Task Person_ViewerInTokyo_TimelineInTokyoTimeWithTheZoneNamedAndTheUtcInstantOnHover()
    {
        await StoreSignInAsync();
        Navigation.NavigateTo(PersonUrl);

        var cut = RenderInZone<PersonPage>(InTokyo(), p => p.Add(x => x.Id, Alice));

        cut.WaitForAssertion(() => Assert.Equal(TokyoTimes, Texts(cut, "[data-testid=timeline-time]")), Patience.HangGuard);
        Assert.Equal("2026-11-22 20:30:00.0000000 +09:00 · 2026-11-22T11:30:00.0000000Z", cut.Find("[data-testid=timeline-time]").GetAttribute("title"));
        Assert.Equal("Times in Asia/Tokyo (UTC+09:00)", cut.Find("[data-testid=person-utc-zone]").TextContent);
        Assert.Equal("Newest session first; times in Asia/Tokyo (UTC+09:00).", cut.Find("[data-testid=person-timeline-zone]").TextContent.Trim());
        Assert.Equal("2026-11-22 20:30:00 – 20:30:21 (21 s)", cut.Find(".ae-timeline-header .ae-mono").TextContent);
        Assert.Equal(PersonUrl, Navigation.ToBaseRelativePath(Navigation.Uri));
    }

    [Fact]
    public async Task Person_TzUtc_TimelineInUtcWhateverTheViewersZone()
    {
        await StoreSignInAsync();
        Navigation.NavigateTo(PersonUrl + "?tz=utc");

        var cut = RenderInZone<PersonPage>(InTokyo(), p => p.Add(x => x.Id, Alice));

        cut.WaitForAssertion(() => Assert.Equal(UtcTimes, Texts(cut, "[data-testid=timeline-time]")), Patience.HangGuard);
        Assert.Equal("2026-11-22T11:30:00.0000000Z", cut.Find("[data-testid=timeline-time]").GetAttribute("title"));
        Assert.Equal("Times in UTC", cut.Find("[data-testid=person-utc-zone]").TextContent);
        Assert.Equal("2026-11-22 11:30:00 – 11:30:21 (21 s)", cut.Find(".ae-timeline-header .ae-mono").TextContent);
        Assert.Equal(PersonUrl + "?tz=utc", Navigation.ToBaseRelativePath(Navigation.Uri));
    }

    [Fact]
    public async Task Person_ZoneArrivesAfterTheFirstRender_TimelineSwitchesFromUtcToTokyo()
    {
        await StoreSignInAsync();
        Navigation.NavigateTo(PersonUrl);
        var cut = RenderInZone<PersonPage>(ViewerZone.Unknown, p => p.Add(x => x.Id, Alice));
        cut.WaitForAssertion(() => Assert.Equal(UtcTimes, Texts(cut, "[data-testid=timeline-time]")), Patience.HangGuard);

        cut.Render(p => p.Add(x => x.Value, InTokyo()).AddChildContent<PersonPage>(c => c.Add(x => x.Id, Alice)));

        cut.WaitForAssertion(() => Assert.Equal(TokyoTimes, Texts(cut, "[data-testid=timeline-time]")), Patience.HangGuard);
        Assert.Equal("2026-11-22 20:30:00 – 20:30:21 (21 s)", cut.Find(".ae-timeline-header .ae-mono").TextContent);
        Assert.Equal("Times in Asia/Tokyo (UTC+09:00)", cut.Find("[data-testid=person-utc-zone]").TextContent);
    }

    [Fact]
    public async Task Person_UtcSwitchTurnedOn_NavigatesToTheTzUtcUrl()
    {
        await StoreSignInAsync();
        Navigation.NavigateTo(PersonUrl + "?failures=true");
        var cut = RenderInZone<PersonPage>(InTokyo(), p => p.Add(x => x.Id, Alice));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=person-timeline]")), Patience.HangGuard);

        await cut.Find("input[data-testid=person-utc]").ChangeAsync(new ChangeEventArgs { Value = true });

        Assert.Equal(PersonUrl + "?failures=true&tz=utc", Navigation.ToBaseRelativePath(Navigation.Uri));
    }

    [Fact]
    public async Task Session_ViewerInTokyo_EventsSpanAndLastMilestoneInTokyoTime()
    {
        await StoreSignInAsync();
        Navigation.NavigateTo("sessions/S1");

        var cut = RenderInZone<SessionPage>(InTokyo(), p => p.Add(x => x.Key, "S1"));

        cut.WaitForAssertion(() => Assert.Equal(TokyoTimes, Texts(cut, "[data-testid=session-time]")), Patience.HangGuard);
        Assert.Equal("Time (Asia/Tokyo)", cut.Find("[data-testid=session-time-header]").TextContent);
        Assert.Equal("2026-11-22 20:30:21", cut.Find("[data-testid=session-last-reached]").TextContent);
        Assert.Equal("2026-11-22 20:30:21.0000000 +09:00 · 2026-11-22T11:30:21.0000000Z", cut.Find("[data-testid=session-last-reached]").GetAttribute("title"));
        Assert.Contains("2026-11-22 20:30:00 – 20:30:21 · 21 s", cut.Find("[data-testid=session-summary]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Times in Asia/Tokyo (UTC+09:00)", cut.Find("[data-testid=session-utc-zone]").TextContent);
        Assert.Equal("sessions/S1", Navigation.ToBaseRelativePath(Navigation.Uri));
    }

    [Fact]
    public async Task Session_TzUtc_EventsInUtc()
    {
        await StoreSignInAsync();
        Navigation.NavigateTo("sessions/S1?tz=utc");

        var cut = RenderInZone<SessionPage>(InTokyo(), p => p.Add(x => x.Key, "S1"));

        cut.WaitForAssertion(() => Assert.Equal(UtcTimes, Texts(cut, "[data-testid=session-time]")), Patience.HangGuard);
        Assert.Equal("Time (UTC)", cut.Find("[data-testid=session-time-header]").TextContent);
        Assert.Equal("2026-11-22 11:30:21", cut.Find("[data-testid=session-last-reached]").TextContent);
        Assert.Equal("Times in UTC", cut.Find("[data-testid=session-utc-zone]").TextContent);
        Assert.Equal("sessions/S1?tz=utc", Navigation.ToBaseRelativePath(Navigation.Uri));
    }

    [Fact]
    public async Task Session_TzInCapitals_UrlNormalizedAndTimesInUtc()
    {
        await StoreSignInAsync();
        Navigation.NavigateTo("sessions/S1?tz=UTC");

        var cut = RenderInZone<SessionPage>(InTokyo(), p => p.Add(x => x.Key, "S1"));

        cut.WaitForAssertion(() => Assert.Equal(UtcTimes, Texts(cut, "[data-testid=session-time]")), Patience.HangGuard);
        Assert.Equal("sessions/S1?tz=utc", Navigation.ToBaseRelativePath(Navigation.Uri));
    }

    [Fact]
    public async Task Session_ZoneArrivesAfterTheFirstRender_EventsSwitchFromUtcToTokyo()
    {
        await StoreSignInAsync();
        Navigation.NavigateTo("sessions/S1");
        var cut = RenderInZone<SessionPage>(ViewerZone.Unknown, p => p.Add(x => x.Key, "S1"));
        cut.WaitForAssertion(() => Assert.Equal(UtcTimes, Texts(cut, "[data-testid=session-time]")), Patience.HangGuard);
        Assert.Equal("Time (UTC)", cut.Find("[data-testid=session-time-header]").TextContent);

        cut.Render(p => p.Add(x => x.Value, InTokyo()).AddChildContent<SessionPage>(c => c.Add(x => x.Key, "S1")));

        cut.WaitForAssertion(() => Assert.Equal(TokyoTimes, Texts(cut, "[data-testid=session-time]")), Patience.HangGuard);
        Assert.Equal("Time (Asia/Tokyo)", cut.Find("[data-testid=session-time-header]").TextContent);
        Assert.Contains("2026-11-22 20:30:00 – 20:30:21 · 21 s", cut.Find("[data-testid=session-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journeys_ViewerInTokyo_FixedRangeAndUpdateTimeInTokyo()
    {
        await _database.MigrateAsync();
        Navigation.NavigateTo("journeys?from=2026-11-21T00%3A00%3A00Z&to=2026-11-22T00%3A00%3A00Z");

        var cut = RenderInZone<JourneysPage>(InTokyo(), _ => { });

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=journey-tiles]")), Patience.HangGuard);
        Assert.Contains("Nobody started this funnel in 2026-11-21 09:00:00 – 2026-11-22 09:00:00 Asia/Tokyo (UTC+09:00).", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("Live · updated 21:00:00 Asia/Tokyo", cut.Find("[data-testid=journeys-updated]").TextContent);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        _database.Dispose();
    }

    /// <summary>What the layout does when the browser answers: the circuit's clock takes the zone, and the cascade carries it.</summary>
    private ViewerZone InTokyo()
    {
        Clock.SetZone("Asia/Tokyo");
        return new ViewerZone(Tokyo, true);
    }

    private IRenderedComponent<CascadingValue<ViewerZone>> RenderInZone<TPage>(ViewerZone zone, Action<ComponentParameterCollectionBuilder<TPage>> page)
        where TPage : IComponent =>
        Render<CascadingValue<ViewerZone>>(p => p.Add(x => x.Value, zone).AddChildContent(page));

    private static string[] Texts(IRenderedComponent<CascadingValue<ViewerZone>> cut, string selector) =>
        cut.FindAll(selector).Select(e => e.TextContent).ToArray();

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>Alice signs in on Login.gov in session S1, half an hour before now.</summary>
    private async Task StoreSignInAsync()
    {
        await _database.MigrateAsync();
        var store = new EventStore(_database.Contexts, new StoreWriteGate(), Time);
        var j = new StoredJourney(ComponentTestContext.Now.AddMinutes(-30));
        await j.CommitAsync(store,
            j.Event("lg-1", S(0), EventSource.LoginGov, "login-email-and-password-auth", Outcome.Success, person: Alice, email: "a***@example.com", subject: "U1", session: "S1"),
            j.Event("lg-2", S(20), EventSource.LoginGov, "mfa-login-auth-submitted", Outcome.Success, person: Alice, subject: "U1", session: "S1", authenticator: "totp"),
            j.Event("lg-3", S(21), EventSource.LoginGov, "login-completed", person: Alice, subject: "U1", session: "S1"));
    }
}
