using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using AuthEvents.Store;
using AuthEvents.Store.Journeys;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Tests.Journeys;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class JourneyStoreTests : IDisposable
{
    private const string Alice = "email:a11ce";
    private const string Bob = "email:b0b";
    private const string Carol = "email:ca201";
    private const string Dave = "email:da7e";

    private readonly TestDatabase _database = new();
    private readonly TestClock _time = new();
    private readonly StoreWriteGate _gate = new();
    private readonly StoredJourney _j = new(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));

    private DateTimeOffset From => _j.Start.AddHours(-1);
    private DateTimeOffset To => _j.Start.AddHours(1);
    private FunnelReportOptions Options => new(_j.Start.AddHours(2).UtcTicks);

    private EventStore Store => new(_database.Contexts, _gate, _time);
    private JourneyQueries Queries => new(_database.Contexts);

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>
    /// Four people signing in on four providers, delivered out of order over three batches with a redelivery:
    /// Alice's Login.gov MFA and completion (no e-mail, only her user_uuid and session) arrive before the password
    /// event that carries her e-mail; Bob's 1Password failure is delivered twice.
    /// </summary>
    private async Task StoreSignInsAsync() => await StoreSignInsAsync(_database, Store);

    private async Task StoreSignInsAsync(TestDatabase database, EventStore store)
    {
        await database.MigrateAsync();
        var bobFailed = _j.Event("op-1", S(60), EventSource.OnePassword, "credentials_failed", person: Bob, email: "b***@example.com", subject: "OPBOB",
            reason: new FailureReason("type", "password_secret_bad", CanonicalReasons.InvalidCredentials));
        await _j.CommitAsync(store,
            _j.Event("lg-2", S(20), EventSource.LoginGov, "mfa-login-auth-submitted", Outcome.Success, person: "logingov:U1", subject: "U1", session: "S1", authenticator: "totp"),
            _j.Event("lg-3", S(21), EventSource.LoginGov, "login-completed", person: "logingov:U1", subject: "U1", session: "S1"),
            bobFailed,
            _j.Event("fa-2", S(180), EventSource.FusionAuth, "user.login.success", person: Carol, email: "c***@example.com", subject: "F-CAROL"));
        await _j.CommitAsync(store,
            _j.Event("lg-1", S(0), EventSource.LoginGov, "login-email-and-password-auth", Outcome.Success, person: Alice, email: "a***@example.com", subject: "U1", session: "S1"),
            _j.Event("en-1", S(300), EventSource.Entrust, "authentication.failed", context: "OTP", person: Dave, subject: "E-DAVE",
                reason: new FailureReason("token", "OTP", CanonicalReasons.MfaInvalid)));
        await _j.CommitAsync(store,
            bobFailed,
            _j.Event("fa-1", S(120), EventSource.FusionAuth, "user.login.failed", person: Carol, email: "c***@example.com", subject: "F-CAROL",
                reason: new FailureReason("reason", "credentials", CanonicalReasons.InvalidCredentials)));
    }

    [Fact]
    public async Task Funnel_SignInsDeliveredOutOfOrderWithARedelivery_ExactCountsAndTimes()
    {
        await StoreSignInsAsync();

        var report = await Queries.FunnelAsync(Funnels.SignIn, From, To, Options, CancellationToken.None);

        Assert.Equal((4, 2), (report.Entered, report.Completed));
        Assert.Equal([(4, 3, 1, 0), (3, 2, 1, 2), (2, 2, 0, 1), (2, 0, 0, 0)], report.Steps.Select(s => (s.Entered, s.Converted, s.Dropped, s.Implied)));
        Assert.Equal((S(20), 1), (report.Steps[1].MedianToNext, report.Steps[1].Measured));
        Assert.Equal((S(1), S(1)), (report.Steps[2].MedianToNext, report.Steps[2].P90ToNext));
    }

    [Fact]
    public async Task DropOffs_SignIns_PeopleWithTheirLastFailureCanonicalAndRaw()
    {
        await StoreSignInsAsync();

        var atStart = await Queries.DropOffsAsync(Funnels.SignIn, From, To, 0, Options, 50, CancellationToken.None);
        var atPassword = await Queries.DropOffsAsync(Funnels.SignIn, From, To, 1, Options, 50, CancellationToken.None);

        var bob = Assert.Single(atStart.Rows);
        Assert.Equal((Bob, "b***@example.com", EventSource.OnePassword, 1), (bob.PersonKey, bob.Label, bob.Source, bob.Failures));
        Assert.Equal(("credentials_failed", CanonicalReasons.InvalidCredentials, "type: password_secret_bad", _j.Start + S(60)),
            (bob.LastFailureType, bob.LastFailureCanonical, bob.LastFailureRaw, bob.LastFailureAt));
        var dave = Assert.Single(atPassword.Rows);
        Assert.Equal((Dave, CanonicalReasons.MfaInvalid, "token: OTP", _j.Start + S(300)), (dave.PersonKey, dave.LastFailureCanonical, dave.LastFailureRaw, dave.LastEventAt));
        Assert.Equal(1, atPassword.Total);
    }

    [Fact]
    public async Task Index_SubjectSeenBeforeItsEmail_JoinedIntoTheEmailPersonWithEvidence()
    {
        await StoreSignInsAsync();
        await using var db = await _database.Contexts.CreateDbContextAsync();

        var identities = await db.Set<JourneyIdentityRecord>().AsNoTracking().ToListAsync();
        var alice = identities.Single(i => i.IdentityKey == Alice);
        var subject = identities.Single(i => i.IdentityKey == "logingov:U1");
        var session = identities.Single(i => i.IdentityKey == "session:LoginGov:S1");

        Assert.Equal((null, IdentityEvidence.SameEmail, "a***@example.com"), (alice.RootId, alice.Evidence, alice.Label));
        Assert.Equal((alice.Id, IdentityEvidence.SeenWithEmail), (subject.RootId, subject.Evidence));
        Assert.Equal(_j.Start.UtcTicks, subject.LinkedAtTicks);
        Assert.Equal(alice.Id, session.RootId);
        var people = await db.Set<JourneyEventRecord>().AsNoTracking().Select(e => e.PersonId).Distinct().CountAsync();
        Assert.Equal(4, people);
        Assert.Empty(await db.Set<JourneyAttemptRecord>().AsNoTracking().Where(a => a.PersonId == subject.Id).ToListAsync());
    }

    [Fact]
    public async Task Rebuild_FromStoredEvents_SameFunnelAsMaintainedOnWrite()
    {
        await StoreSignInsAsync();
        var maintained = await Queries.FunnelAsync(Funnels.SignIn, From, To, Options, CancellationToken.None);
        var maintainedDropOffs = await DropOffsAsync();
        await using (var db = await _database.Contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM journey_state;");
        }

        var indexed = await JourneyIndex.EnsureCurrentAsync(_database.Contexts, CancellationToken.None);
        var rebuilt = await Queries.FunnelAsync(Funnels.SignIn, From, To, Options, CancellationToken.None);

        Assert.Equal(7, indexed);
        Assert.Equal(maintained.Steps.Select(Describe), rebuilt.Steps.Select(Describe));
        // The rebuild reads each event's first failure reason as the write path does: the drop-off lists show the same.
        Assert.Equal(maintainedDropOffs, await DropOffsAsync());
        Assert.Contains(maintainedDropOffs, row => row.Contains(CanonicalReasons.MfaInvalid, StringComparison.Ordinal));
        Assert.Equal(0, await JourneyIndex.EnsureCurrentAsync(_database.Contexts, CancellationToken.None));
    }

    private async Task<List<string>> DropOffsAsync()
    {
        var rows = new List<string>();
        for (var step = 0; step < Funnels.SignIn.Steps.Count; step++)
        {
            var list = await Queries.DropOffsAsync(Funnels.SignIn, From, To, step, Options, 50, CancellationToken.None);
            rows.AddRange(list.Rows.Select(r => $"{step} {r.PersonKey} {r.LastFailureType} {r.LastFailureCanonical} {r.LastFailureRaw} {r.LastFailureAt}"));
        }

        return rows;
    }

    [Fact]
    public async Task Rebuild_InTheBackgroundWhileAnEventArrives_EndsWithTheFunnelMaintainedOnWrite()
    {
        AuthEvent BobSignsIn(StoredJourney j) => j.Event("op-2", S(400), EventSource.OnePassword, "success", person: Bob, email: "b***@example.com", subject: "OPBOB");
        using var reference = new TestDatabase();
        var referenceJourney = new StoredJourney(_j.Start);
        await StoreSignInsAsync(reference, new EventStore(reference.Contexts, _gate, _time));
        await referenceJourney.CommitAsync(new EventStore(reference.Contexts, _gate, _time), BobSignsIn(referenceJourney));
        var maintained = await new JourneyQueries(reference.Contexts).FunnelAsync(Funnels.SignIn, From, To, Options, CancellationToken.None);
        await StoreSignInsAsync();
        await StaleIndexAsync();

        var prepared = await JourneyIndex.PrepareAsync(_database.Contexts, CancellationToken.None);
        var emptied = await Queries.FunnelAsync(Funnels.SignIn, From, To, Options, CancellationToken.None);
        // Stored while the rebuild runs: indexed on write, before the older events it follows.
        await _j.CommitAsync(Store, BobSignsIn(_j));
        var chunks = new List<(long, long)>();
        for (var progress = prepared; progress.Building;)
        {
            progress = await JourneyIndex.RebuildNextAsync(_database.Contexts, _gate, 3, CancellationToken.None);
            chunks.Add((progress.Indexed, progress.Total));
        }

        var rebuilt = await Queries.FunnelAsync(Funnels.SignIn, From, To, Options, CancellationToken.None);
        Assert.Equal((0, 7, true), (prepared.Indexed, prepared.Total, prepared.Building));
        Assert.Equal(0, emptied.Entered);
        Assert.Equal([(3, 7), (6, 7), (7, 7)], chunks);
        Assert.Equal((maintained.Entered, maintained.Completed), (rebuilt.Entered, rebuilt.Completed));
        Assert.Equal(3, rebuilt.Completed);
        Assert.Equal(maintained.Steps.Select(Describe), rebuilt.Steps.Select(Describe));
        Assert.Equal(JourneyIndexProgress.Current, await JourneyIndex.ProgressAsync(_database.Contexts, CancellationToken.None));
    }

    [Fact]
    public async Task Rebuild_InterruptedByARestart_CarriesOnFromItsLastChunk()
    {
        await StoreSignInsAsync();
        var maintained = await Queries.FunnelAsync(Funnels.SignIn, From, To, Options, CancellationToken.None);
        await StaleIndexAsync();
        await JourneyIndex.PrepareAsync(_database.Contexts, CancellationToken.None);
        await JourneyIndex.RebuildNextAsync(_database.Contexts, _gate, 4, CancellationToken.None);

        var restarted = await JourneyIndex.PrepareAsync(_database.Contexts, CancellationToken.None);
        int indexedRows;
        await using (var db = await _database.Contexts.CreateDbContextAsync())
        {
            indexedRows = await db.Set<JourneyEventRecord>().CountAsync();
        }

        var finished = await JourneyIndex.RebuildNextAsync(_database.Contexts, _gate, 4, CancellationToken.None);
        var rebuilt = await Queries.FunnelAsync(Funnels.SignIn, From, To, Options, CancellationToken.None);

        Assert.Equal((4, 7), (restarted.Indexed, restarted.Total));
        Assert.Equal(4, indexedRows);
        Assert.Equal((7, 7, false), (finished.Indexed, finished.Total, finished.Building));
        Assert.Equal(maintained.Steps.Select(Describe), rebuilt.Steps.Select(Describe));
        await using var after = await _database.Contexts.CreateDbContextAsync();
        Assert.Equal(["funnels"], await after.Set<JourneyStateRecord>().Select(s => s.Key).ToListAsync());
    }

    [Fact]
    public async Task Builder_HostedWithAnOutOfDateIndex_RebuildsItWhileRunning()
    {
        await StoreSignInsAsync();
        var maintained = await Queries.FunnelAsync(Funnels.SignIn, From, To, Options, CancellationToken.None);
        await StaleIndexAsync();
        await JourneyIndex.PrepareAsync(_database.Contexts, CancellationToken.None);
        using var builder = new JourneyIndexBuilder(_database.Contexts, _gate, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<JourneyIndexBuilder>.Instance);

        await builder.StartAsync(CancellationToken.None);
        await (builder.ExecuteTask ?? Task.CompletedTask).WaitAsync(Patience.HangGuard);
        await builder.StopAsync(CancellationToken.None);

        var rebuilt = await Queries.FunnelAsync(Funnels.SignIn, From, To, Options, CancellationToken.None);
        Assert.False((await JourneyIndex.ProgressAsync(_database.Contexts, CancellationToken.None)).Building);
        Assert.Equal(maintained.Steps.Select(Describe), rebuilt.Steps.Select(Describe));
    }

    // As after an upgrade that changed the funnel definitions: the stored fingerprint no longer matches.
    private async Task StaleIndexAsync()
    {
        await using var db = await _database.Contexts.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("UPDATE journey_state SET value = 'older definitions' WHERE key = 'funnels';");
    }

    [Fact]
    public async Task Funnel_IdvOfASubjectLaterSeenWithEmailInAnotherSession_CountedOnceForThePerson()
    {
        await _database.MigrateAsync();
        // Proofing events carry the user_uuid and the session, never the e-mail.
        Task IdvAsync(string id, double at, string type, bool? success = null, string? context = null) => _j.CommitAsync(Store,
            _j.Event(id, S(at), EventSource.LoginGov, type, success switch { true => Outcome.Success, false => Outcome.Failure, _ => null }, context,
                person: "logingov:U9", subject: "U9", session: "S9"));
        await IdvAsync("i-1", 0, "idv-document-uploaded", true);
        await IdvAsync("i-2", 6, "idv-document-upload-submitted", true);
        await IdvAsync("i-3", 40, "idv-ssn-submitted", true);
        // The same person, in a later session, signs in with the e-mail: the proofing subject joins the e-mail person.
        await _j.CommitAsync(Store, _j.Event("s-1", S(900), EventSource.LoginGov, "login-email-and-password-auth", Outcome.Success,
            person: Alice, email: "a***@example.com", subject: "U9", session: "S10"));
        await IdvAsync("i-4", 95, "idv-verification-submitted", true);

        // Forty days on, the attempt can no longer progress: a drop-off at the verification.
        var later = new FunnelReportOptions(_j.Start.AddDays(40).UtcTicks);
        var report = await Queries.FunnelAsync(Funnels.IdentityVerification, From, To, later, CancellationToken.None);
        var dropped = await Queries.DropOffsAsync(Funnels.IdentityVerification, From, To, 6, later, 10, CancellationToken.None);

        Assert.Equal((1, 0, 0), (report.Entered, report.Completed, report.InProgress));
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 0, 0], report.Steps.Select(s => s.Entered));
        Assert.Equal((Alice, "a***@example.com"), (Assert.Single(dropped.Rows).PersonKey, dropped.Rows[0].Label));
    }

    private static string Describe(FunnelStepReport s) =>
        $"{s.Step.Id}:{s.Entered}/{s.Converted}/{s.Dropped}/{s.InProgress}/{s.Implied}/{s.MedianToNext}/{s.P90ToNext}";

    public void Dispose()
    {
        _gate.Dispose();
        _database.Dispose();
    }
}
