using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using AuthEvents.Store.Journeys;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Components.Controls.Journeys;
using AuthEvents.Web.Navigation;
using AuthEvents.Web.Components.Pages.Person;
using AuthEvents.Web.Components.Pages.Session;

namespace AuthEvents.Tests.Web.Journeys;

/// <summary>
/// The person and session view models write every time in the zone they are given, and a person's events without a
/// session group by the day they fell on in that zone: the same events read differently in Tokyo and in UTC.
/// </summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class JourneyZoneViewModelTests
{
    private const string Alice = "email:a11ce";
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    // 23:00 and 01:00 the next day in Tokyo; both on 2026-11-20 in UTC.
    private static readonly DateTimeOffset Late = new(2026, 11, 20, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Early = new(2026, 11, 20, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PersonTimeline_NoSessionEventsEitherSideOfTokyoMidnight_TwoDaysInTokyoOneInUtc()
    {
        var person = Person(Event(1, Late), Event(2, Early));

        var tokyo = new PersonViewModel(new PersonState(Alice), person, Early, Tokyo);
        var utc = new PersonViewModel(new PersonState(Alice), person, Early, TimeZoneInfo.Utc);

        Assert.Equal(
            [("No session · 2026-11-21", "2026-11-21 01:00:00", 2L), ("No session · 2026-11-20", "2026-11-20 23:00:00", 1L)],
            tokyo.Groups.Select(g => (g.Title, g.Span, Assert.Single(g.Events).Id)));
        var day = Assert.Single(utc.Groups);
        Assert.Equal(("No session · 2026-11-20", "2026-11-20 14:00:00 – 16:00:00 (2 h)"), (day.Title, day.Span));
        Assert.Same(Tokyo, tokyo.Zone);
    }

    [Fact]
    public void PersonTimeline_SessionOverTokyoMidnight_OneGroupWithBothDates()
    {
        var person = Person(Event(1, Late, session: "S1"), Event(2, Early, session: "S1"));

        var vm = new PersonViewModel(new PersonState(Alice), person, Early, Tokyo);

        var group = Assert.Single(vm.Groups);
        Assert.Equal(("Session S1", "2026-11-20 23:00:00 – 2026-11-21 01:00:00 (2 h)"), (group.Title, group.Span));
    }

    [Fact]
    public void Person_MilestonesAndIdentityEvidence_InTheZoneGiven()
    {
        var person = Person(Event(1, Late, type: "login-email-and-password-auth"), Event(2, Early, type: "login-email-and-password-auth"));

        var vm = new PersonViewModel(new PersonState(Alice), person, Early, NewYork);

        var milestone = Assert.Single(vm.Milestones);
        Assert.Equal(("2026-11-20 09:00:00", "2026-11-20 11:00:00"), (milestone.First, milestone.Last));
        Assert.Equal("2026-11-20 09:00:00", Assert.Single(vm.Identities).EvidenceAt);
    }

    [Fact]
    public void Session_SpanAndPivots_InTheZoneGiven()
    {
        var lastSeen = new DateTimeOffset(2026, 11, 20, 15, 30, 0, TimeSpan.Zero);
        var session = new SessionJourney("S1", [Event(1, Late, session: "S1"), Event(2, Early, session: "S1")], [], [], [], [],
            [new PivotRow(PivotKind.Ip, "198.51.100.7", [new PivotSession("S2", EventSource.LoginGov, 3, Late, lastSeen)], 1,
                [new PivotPerson("email:b0b", "b***@example.com", 2, lastSeen)], 1)]);

        var tokyo = new SessionViewModel(session, Tokyo);
        var utc = new SessionViewModel(session, TimeZoneInfo.Utc);

        Assert.Equal("2026-11-20 23:00:00 – 2026-11-21 01:00:00 · 2 h", tokyo.Span);
        Assert.Equal("2026-11-20 14:00:00 – 16:00:00 · 2 h", utc.Span);
        var pivot = Assert.Single(tokyo.Pivots);
        Assert.Equal("Login.gov · 3 events · 2026-11-21 00:30:00", Assert.Single(pivot.Sessions).Detail);
        Assert.Equal("2 events · 2026-11-21 00:30:00", Assert.Single(pivot.People).Detail);
    }

    private static PersonJourney Person(params TimelineEvent[] events) =>
        new(Alice, "a***@example.com",
            [new PersonIdentityRow(Alice, IdentityKind.Email, null, IdentityEvidence.SameEmail, "login-email-and-password-auth", 1, Late, "a***@example.com")],
            events.OrderByDescending(e => e.OccurredAt).ToList(), events.Length, [], []);

    private static TimelineEvent Event(long id, DateTimeOffset at, string? session = null, string type = "login-email-and-password-auth")
    {
        var entry = MilestoneCatalog.Resolve(EventSource.LoginGov, type, null);
        return new TimelineEvent(id, EventSource.LoginGov, type, entry.Milestone, entry.Step, Outcome.Success, [], Alice, "U1", "a***@example.com",
            session, null, null, null, null, null, null, null, null, null, at, false);
    }
}
