using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using AuthEvents.Store;
using AuthEvents.Store.Journeys;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Components.Controls.Journeys;
using AuthEvents.Web.Navigation;
using AuthEvents.Web.Components.Pages.Person;
using AuthEvents.Web.Components.Pages.Session;

namespace AuthEvents.Tests.Journeys;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class PersonAndSessionTests : IDisposable
{
    private const string Alice = "email:a11ce";
    private const string SharedIp = "198.51.100.7";
    private const string SharedDevice = "device:d1";

    private readonly TestDatabase _database = new();
    private readonly TestClock _time = new();
    private readonly StoreWriteGate _gate = new();
    private readonly StoredJourney _j = new(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));

    private static TimeSpan M(double minutes) => TimeSpan.FromMinutes(minutes);

    /// <summary>
    /// Alice signs in on Login.gov (session S1; the MFA and completion carry only her user_uuid), then on 1Password in
    /// New York and, half an hour later, fails six times in Bucharest. Bob, Carol and Dave use her IP; Bob also her device, in session S2.
    /// </summary>
    private async Task StoreAsync()
    {
        await _database.MigrateAsync();
        var store = new EventStore(_database.Contexts, _gate, _time);
        await _j.CommitAsync(store,
            _j.Event("a1", M(0), EventSource.LoginGov, "login-email-and-password-auth", Outcome.Success, person: Alice, email: "a***@example.com",
                subject: "U1", session: "S1", ip: SharedIp, device: SharedDevice),
            _j.Event("a2", M(1.0 / 3), EventSource.LoginGov, "mfa-login-auth-submitted", Outcome.Success, person: "logingov:U1", subject: "U1",
                session: "S1", ip: SharedIp, device: SharedDevice, authenticator: "totp"),
            _j.Event("a3", M(0.35), EventSource.LoginGov, "login-completed", person: "logingov:U1", subject: "U1", session: "S1", ip: SharedIp, device: SharedDevice),
            _j.Event("a4", M(60), EventSource.OnePassword, "success", person: Alice, email: "a***@example.com", subject: "OPA",
                country: "US", latitude: 40.7128, longitude: -74.0060, ip: "203.0.113.1"));
        var failures = Enumerable.Range(0, 6).Select(i => _j.Event($"a-f{i}", M(90 + i), EventSource.OnePassword, "credentials_failed",
            person: Alice, email: "a***@example.com", subject: "OPA", country: "RO", latitude: 44.4268, longitude: 26.1025, ip: "203.0.113.99",
            reason: new FailureReason("type", "password_secret_bad", CanonicalReasons.InvalidCredentials))).ToArray();
        await _j.CommitAsync(store, failures);
        await _j.CommitAsync(store,
            _j.Event("b1", M(5), EventSource.LoginGov, "login-email-and-password-auth", Outcome.Success, person: "email:b0b", email: "b***@example.com",
                subject: "U2", session: "S2", ip: SharedIp, device: SharedDevice),
            _j.Event("c1", M(6), EventSource.FusionAuth, "user.login.success", person: "email:ca201", email: "c***@example.com", subject: "F-C", ip: SharedIp),
            _j.Event("d1", M(7), EventSource.FusionAuth, "user.login.failed", person: "email:da7e", email: "d***@example.com", subject: "F-D", ip: SharedIp,
                reason: new FailureReason("reason", "credentials", CanonicalReasons.InvalidCredentials)));
    }

    private async Task<PersonViewModel> PersonAsync(string key = Alice, bool failuresOnly = false)
    {
        var person = await new PersonJourneyQueries(_database.Contexts).FindAsync(key, null, null, 500, CancellationToken.None);
        return new PersonViewModel(new PersonState(key, new TimeRange(TimeRange.All), failuresOnly), person!, _j.Start.AddDays(1), TimeZoneInfo.Utc);
    }

    [Fact]
    public async Task Person_AcrossProviders_IdentityLinksWithTheirEvidence()
    {
        await StoreAsync();

        var vm = await PersonAsync();

        Assert.Equal(("a***@example.com", Alice, 10), (vm.Title, vm.Person.Key, vm.Person.TotalEvents));
        Assert.Equal(
            [
                ("Any provider", "E-mail", "a***@example.com", "Same normalized e-mail (keyed hash)"),
                ("Login.gov", "Subject", "U1", "Seen with the same normalized e-mail (keyed hash), on login-email-and-password-auth"),
                ("1Password", "Subject", "OPA", "Seen with the same normalized e-mail (keyed hash), on success"),
            ],
            vm.Identities.Select(i => (i.Provider, i.Kind, i.Value, i.Evidence)));
        Assert.Equal(["sessions/S1"], vm.Sessions.Select(s => s.SessionUrl));
    }

    [Fact]
    public async Task Person_JoinedSubjectKey_ResolvesToTheEmailPerson()
    {
        await StoreAsync();

        Assert.Equal(Alice, await new PersonJourneyQueries(_database.Contexts).ResolveAsync("logingov:U1", CancellationToken.None));
        Assert.Equal(Alice, await new PersonJourneyQueries(_database.Contexts).ResolveAsync("session:LoginGov:S1", CancellationToken.None));
        Assert.Null(await new PersonJourneyQueries(_database.Contexts).ResolveAsync("email:nobody", CancellationToken.None));
    }

    [Fact]
    public async Task Person_FailuresInBucharestAfterNewYork_VelocityTravelAndSharedIpFlagged()
    {
        await StoreAsync();

        var vm = await PersonAsync();

        Assert.Equal((6, _j.Start + M(90), _j.Start + M(95)), (vm.Velocity!.Failures, vm.Velocity.From, vm.Velocity.To));
        var trip = Assert.Single(vm.Travel);
        Assert.Equal(("success", "credentials_failed", false), (trip.From.EventType, trip.To.EventType, trip.UsesCountryCentroid));
        Assert.InRange(trip.SpeedKmh, 14_000, 16_000);
        var shared = Assert.Single(vm.SharedValues);
        Assert.Equal((SharedIp, 3, 3), (shared.Value, shared.Events, shared.OtherPeople));
        Assert.Equal((SharedDevice, 1), (vm.Devices[0].Title, vm.Devices[0].OtherPeople));
        Assert.False(vm.Devices[0].Shared);
    }

    [Fact]
    public async Task Person_Timeline_GroupedBySessionNewestFirstAndFilteredToFailures()
    {
        await StoreAsync();

        var all = await PersonAsync();
        var failures = await PersonAsync(failuresOnly: true);

        Assert.Equal(2, all.Groups.Count);
        Assert.Equal(7, all.Groups[0].Events.Count);
        Assert.Null(all.Groups[0].SessionKey);
        Assert.Equal(["login-email-and-password-auth", "mfa-login-auth-submitted", "login-completed"], all.Groups[1].Events.Select(e => e.EventType));
        Assert.Equal([Milestones.LoginPassword, Milestones.MfaVerify, Milestones.LoginComplete], all.Groups[1].Milestones);
        Assert.Equal([6], failures.Groups.Select(g => g.Events.Count));
        Assert.Equal("invalid-credentials (type: password_secret_bad)", PersonViewModel.Reasons(failures.Groups[0].Events[0]));
        var signIn = Assert.Single(all.Funnels, f => f.Funnel == "Sign-in");
        Assert.Equal(("Stopped before Password accepted", 3), (signIn.Status, signIn.Attempts));
    }

    [Fact]
    public async Task Session_S1_EventsInOrderWhereItStoppedAndPivots()
    {
        await StoreAsync();

        var session = await new SessionJourneyQueries(_database.Contexts).FindAsync("S1", CancellationToken.None);
        var vm = new SessionViewModel(session!, TimeZoneInfo.Utc);

        Assert.Equal(["", "+20 s", "+1 s"], vm.Steps.Select(s => s.SincePrevious));
        Assert.Equal(Milestones.LoginComplete, vm.LastReached!.Milestone);
        Assert.Equal([new SessionFunnelLine("Sign-in", "Signed in", "completed", true)], vm.Funnels);
        Assert.Equal([(Alice, 3)], session!.People.Select(p => (p.Key, p.Events)));
        Assert.Equal(["success", "credentials_failed", "credentials_failed", "credentials_failed", "credentials_failed"], session.After.Select(e => e.EventType));
        Assert.Empty(session.Before);
        var ip = vm.Pivots.Single(p => p.Kind == "IP address");
        Assert.Equal((1, 3), (ip.SessionCount, ip.PeopleCount));
        Assert.Equal(["sessions/S2"], ip.Sessions.Select(s => s.Url));
        Assert.Equal(["d***@example.com", "c***@example.com", "b***@example.com"], ip.People.Select(p => p.Label));
        var device = vm.Pivots.Single(p => p.Kind == "Device");
        Assert.Equal(["b***@example.com"], device.People.Select(p => p.Label));
    }

    [Fact]
    public async Task Session_Unknown_Null()
    {
        await StoreAsync();

        Assert.Null(await new SessionJourneyQueries(_database.Contexts).FindAsync("nope", CancellationToken.None));
    }

    [Fact]
    public async Task Person_AccountCreatedByAnAdministrator_OnTheTimelineAsAdminActionNotARegistration()
    {
        await _database.MigrateAsync();
        var store = new EventStore(_database.Contexts, _gate, _time);
        const string Erin = "email:e21e";
        await _j.CommitAsync(store,
            _j.Event("e1", M(0), EventSource.Entrust, "user.created", person: Erin, email: "e***@example.com", subject: "ADMIN-1", ip: "10.20.30.40"),
            _j.Event("e2", M(20), EventSource.Entrust, "passkey.created", person: Erin, email: "e***@example.com", ip: SharedIp));

        var vm = await PersonAsync(Erin);

        var created = Assert.Single(vm.Groups.SelectMany(g => g.Events), e => e.EventType == "user.created");
        Assert.Equal((Milestones.AccountAdmin, Outcome.Info), (created.Milestone, created.Outcome));
        Assert.Contains(vm.Milestones, m => m.Milestone == Milestones.AccountAdmin);
        Assert.DoesNotContain(vm.Funnels, f => f.Funnel == Funnels.Registration.Title);
        Assert.Contains(vm.Funnels, f => f.Funnel == Funnels.MfaEnrollment.Title);
    }

    public void Dispose()
    {
        _gate.Dispose();
        _database.Dispose();
    }
}
