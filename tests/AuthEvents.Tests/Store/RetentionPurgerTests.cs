using System.Text.Json;
using System.Text.Json.Serialization;
using AuthEvents.Core.Alerts;
using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using AuthEvents.Store;
using AuthEvents.Store.Alerts;
using AuthEvents.Store.Audit;
using AuthEvents.Store.Entities;
using AuthEvents.Store.Journeys;
using AuthEvents.Store.Queries;
using AuthEvents.Store.Retention;
using AuthEvents.Tests.Journeys;
using AuthEvents.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Tests.Store;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class RetentionPurgerTests : IDisposable
{
    private const string Alice = "email:a11ce";
    private const string Bob = "email:b0b";
    private const string Carol = "email:ca201";
    private const string Dave = "email:da7e";
    private const string SharedIp = "198.51.100.7";

    // Inside a minute, an hour and a day: each grain has a bucket that straddles it.
    private static readonly DateTimeOffset Cutoff = new(2025, 10, 18, 12, 34, 56, 500, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Cutoff.AddDays(400);

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, Converters = { new JsonStringEnumConverter() } };

    // What the pages read: every table that derives from events, and the events themselves.
    private static readonly string[] DerivedTables =
    [
        "events", "failure_reasons", "inbox", "quarantine", "event_rollups", "reason_rollups", "person_rollups", "rollup_people",
        "journey_events", "journey_attempts", "journey_identities", "journey_state",
    ];

    private readonly StoredJourney _j = new(Cutoff);
    private readonly List<PurgeableStore> _stores = [];

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static TimeSpan M(double minutes) => TimeSpan.FromMinutes(minutes);

    /// <summary>
    /// Alice starts signing in ten seconds before the cutoff and finishes after it, after an identity verification step
    /// earlier the same day; Bob fails before the cutoff (three days) and after it; Carol fails only before it, from the
    /// IP address Alice uses after it; Dave signs in at the cutoff itself and two days later.
    /// </summary>
    private AuthEvent[] Newer() =>
    [
        _j.Event("n-a1", S(5), EventSource.LoginGov, "mfa-login-auth-submitted", Outcome.Success, person: Alice, email: "a***@example.com",
            subject: "U1", session: "S1", ip: SharedIp, authenticator: "totp"),
        _j.Event("n-a2", S(7), EventSource.LoginGov, "login-completed", person: Alice, email: "a***@example.com", subject: "U1", session: "S1", ip: SharedIp),
        _j.Event("n-b1", M(30), EventSource.OnePassword, "credentials_failed", person: Bob, email: "b***@example.com", subject: "OPBOB",
            reason: new FailureReason("type", "password_secret_bad", CanonicalReasons.InvalidCredentials)),
        _j.Event("n-d1", TimeSpan.Zero, EventSource.FusionAuth, "user.login.success", person: Dave, email: "d***@example.com", subject: "F-DAVE"),
        _j.Event("n-d2", TimeSpan.FromDays(2), EventSource.FusionAuth, "user.login.success", person: Dave, email: "d***@example.com", subject: "F-DAVE"),
    ];

    private AuthEvent[] Older() =>
    [
        _j.Event("o-a1", M(-50), EventSource.LoginGov, "idv-document-upload-submitted", person: Alice, email: "a***@example.com", subject: "U1", session: "S1"),
        _j.Event("o-a2", S(-10), EventSource.LoginGov, "login-email-and-password-auth", Outcome.Success, person: Alice, email: "a***@example.com",
            subject: "U1", session: "S1", ip: SharedIp),
        _j.Event("o-b1", TimeSpan.FromDays(-3), EventSource.FusionAuth, "user.login.failed", person: Bob, email: "b***@example.com", subject: "F-BOB",
            reason: new FailureReason("reason", "credentials", CanonicalReasons.InvalidCredentials)),
        _j.Event("o-c1", M(-20), EventSource.Entrust, "authentication.failed", context: "OTP", person: Carol, email: "c***@example.com", subject: "E-CAROL",
            ip: SharedIp, reason: new FailureReason("token", "OTP", CanonicalReasons.MfaInvalid)),
    ];

    private async Task<PurgeableStore> CreateAsync(DateTimeOffset? now = null)
    {
        var store = await PurgeableStore.CreateAsync(now ?? Now);
        _stores.Add(store);
        return store;
    }

    /// <summary>
    /// A store holding only the newer events, and one that received the same newer events and then the older ones (ids, and so
    /// every row derived from the newer events, match between the two).
    /// </summary>
    private async Task<(PurgeableStore WithOlder, PurgeableStore NewerOnly)> CreatePairAsync(bool olderFirst = false)
    {
        var newerOnly = await CreateAsync();
        await newerOnly.StoreAsync(Newer());
        var withOlder = await CreateAsync();
        if (olderFirst)
        {
            await withOlder.StoreAsync(Older());
        }

        await withOlder.StoreAsync(Newer());
        if (!olderFirst)
        {
            await withOlder.StoreAsync(Older());
        }

        return (withOlder, newerOnly);
    }

    [Theory]
    [InlineData(RetentionPurger.DefaultBatchSize)]
    [InlineData(1)]
    public async Task Purge_OlderAndNewerEvents_EveryDerivedTableAsIfOnlyTheNewerWereStored(int batchSize)
    {
        var (withOlder, newerOnly) = await CreatePairAsync();

        var deleted = await withOlder.Purger(batchSize).PurgeAsync(Cutoff, CancellationToken.None);

        Assert.Equal((4, 2, 4, 0, 4, 1), (deleted.Events, deleted.FailureReasons, deleted.InboxRows, deleted.QuarantineRows, deleted.JourneyEvents, deleted.JourneyPeople));
        Assert.True(deleted.RollupRows > 0);
        foreach (var table in DerivedTables)
        {
            Assert.Equal(await newerOnly.RowsAsync(table), await withOlder.RowsAsync(table));
        }
    }

    public static TheoryData<string, DateTimeOffset, DateTimeOffset> Ranges => new()
    {
        { "days around the cutoff", Cutoff.AddDays(-5), Cutoff.AddDays(5) },
        { "the day of the cutoff", Floor(Cutoff, TimeSpan.FromDays(1)), Floor(Cutoff, TimeSpan.FromDays(1)).AddDays(1) },
        { "its hour", Floor(Cutoff, TimeSpan.FromHours(1)), Floor(Cutoff, TimeSpan.FromHours(1)).AddHours(1) },
        { "its minute", Floor(Cutoff, TimeSpan.FromMinutes(1)), Floor(Cutoff, TimeSpan.FromMinutes(1)).AddMinutes(1) },
        { "odd edges", Cutoff.AddSeconds(-37.25), Cutoff.AddHours(1.3) },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task Purge_OlderAndNewerEvents_PagesShowWhatTheNewerAloneGive(string range, DateTimeOffset from, DateTimeOffset to)
    {
        var (withOlder, newerOnly) = await CreatePairAsync();
        var before = await PagesAsync(withOlder, from, to);

        await withOlder.Purger().PurgeAsync(Cutoff, CancellationToken.None);

        Assert.True(before != await PagesAsync(newerOnly, from, to), $"{range}: the older events showed before retention");
        Assert.Equal(await PagesAsync(newerOnly, from, to), await PagesAsync(withOlder, from, to));
    }

    [Fact]
    public async Task Purge_OlderEventsStoredFirst_PagesShowWhatTheNewerAloneGive()
    {
        var (withOlder, newerOnly) = await CreatePairAsync(olderFirst: true);

        await withOlder.Purger(batchSize: 3).PurgeAsync(Cutoff, CancellationToken.None);

        Assert.Equal(await PagesAsync(newerOnly, Cutoff.AddDays(-5), Cutoff.AddDays(5)), await PagesAsync(withOlder, Cutoff.AddDays(-5), Cutoff.AddDays(5)));
        foreach (var table in new[] { "event_rollups", "reason_rollups" })
        {
            Assert.Equal(await newerOnly.RowsAsync(table), await withOlder.RowsAsync(table));
        }
    }

    [Fact]
    public async Task Purge_PersonWithEventsOnBothSides_JourneyAsIfOnlyTheNewerWereStored()
    {
        var (withOlder, newerOnly) = await CreatePairAsync();

        await withOlder.Purger().PurgeAsync(Cutoff, CancellationToken.None);

        foreach (var person in new[] { Alice, Bob, Dave })
        {
            Assert.Equal(await PersonAsync(newerOnly, person), await PersonAsync(withOlder, person));
        }

        var alice = await new PersonJourneyQueries(withOlder.Database.Contexts).FindAsync(Alice, null, null, 100, CancellationToken.None);
        Assert.Equal(["login-completed", "mfa-login-auth-submitted"], alice!.Events.Select(e => e.EventType));
        Assert.Equal(0, Assert.Single(alice.Shared, s => s.Kind == PivotKind.Ip).OtherPeople);
    }

    [Fact]
    public async Task Purge_PersonWithOnlyOlderEvents_GoneWithTheirIdentities()
    {
        var (withOlder, _) = await CreatePairAsync();
        var people = new PersonJourneyQueries(withOlder.Database.Contexts);
        var before = await people.ResolveAsync("entrust:E-CAROL", CancellationToken.None);

        await withOlder.Purger().PurgeAsync(Cutoff, CancellationToken.None);

        Assert.Equal(Carol, before);
        Assert.Null(await people.ResolveAsync(Carol, CancellationToken.None));
        Assert.Null(await people.ResolveAsync("entrust:E-CAROL", CancellationToken.None));
        Assert.DoesNotContain(await withOlder.RowsAsync("rollup_people"), r => r.Contains(Carol, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Purge_InboxRows_ThoseOfDeletedEventsAndProcessedOnesReceivedBeforeTheCutoffGoPendingOnesStay()
    {
        var store = await CreateAsync();
        await store.StoreAsync(
            _j.Event("stored-old", TimeSpan.FromDays(-1), EventSource.FusionAuth, "user.login.success", person: Dave),
            _j.Event("new", TimeSpan.FromHours(1), EventSource.FusionAuth, "user.login.success", person: Dave));
        // Backfilled: occurred before the cutoff, received after it.
        await store.StoreAsync(_j.Event("late", TimeSpan.FromDays(-1), EventSource.FusionAuth, "user.login.success", person: Dave) with { ReceivedAt = Cutoff.AddHours(1) });
        // A provider clock ahead of ours: occurred after the cutoff, received before it.
        await store.StoreAsync(_j.Event("skewed", TimeSpan.FromHours(1), EventSource.FusionAuth, "user.login.success", person: Dave) with { ReceivedAt = Cutoff.AddHours(-1) });
        await store.QuarantineAsync("rejected-old", Cutoff.AddDays(-2));
        await store.QuarantineAsync("rejected-new", Cutoff.AddHours(1));
        // Rejected long ago and queued again for a replay: pending, so kept with its quarantine row.
        var replayed = await store.QuarantineAsync("replayed-old", Cutoff.AddDays(-30));
        await new InboxStore(store.Database.Contexts, store.Gate, store.Time).RequeueQuarantinedAsync([replayed], CancellationToken.None);
        await store.ReceiveAsync((EventSource.Entrust, "pending-old", Cutoff.AddDays(-30)));

        var deleted = await store.Purger(batchSize: 2).PurgeAsync(Cutoff, CancellationToken.None);

        Assert.Equal((2, 4, 1), (deleted.Events, deleted.InboxRows, deleted.QuarantineRows));
        await using var db = await store.Database.Contexts.CreateDbContextAsync();
        Assert.Equal(["new", "pending-old", "rejected-new", "replayed-old"], await db.Inbox.OrderBy(i => i.ProviderEventId).Select(i => i.ProviderEventId).ToListAsync());
        Assert.Equal(2, await db.Inbox.CountAsync(i => i.State == InboxState.Pending));
        Assert.Equal(["rejected-new", "replayed-old"], await db.Quarantine.OrderBy(q => q.ProviderEventId).Select(q => q.ProviderEventId).ToListAsync());
        Assert.Equal(["new", "skewed"], await db.Events.OrderBy(e => e.ProviderEventId).Select(e => e.ProviderEventId).ToListAsync());
    }

    [Fact]
    public async Task Purge_AuditRowsOlderThanTheCutoff_KeptChainIntactAndOneRowForTheRun()
    {
        var store = await CreateAsync(Cutoff.AddYears(-5));
        var ancient = await store.Audit.AppendAsync(new AuditEntry("sub-ada", "ada", "admin", AuditActions.SignIn, "/", "", "192.0.2.1", "test"), CancellationToken.None);
        store.Time.SetUtcNow(Now);
        await store.StoreAsync(Older());
        await store.StoreAsync(Newer());

        var deleted = await store.Purger().PurgeAsync(Cutoff, CancellationToken.None);
        var again = await store.Purger().PurgeAsync(Cutoff, CancellationToken.None);

        var rows = await store.Audit.ListAsync(new AuditQuery(), null, 10, CancellationToken.None);
        Assert.Equal([2L, 1L], rows.Select(r => r.Id));
        Assert.Equal((ancient.AtTicks, ancient.Hash), (rows[1].AtTicks, rows[1].Hash));
        Assert.Equal(
            ("system", "Retention", AuditActions.Retention, "events before 2025-10-18T12:34:56.5000000Z", deleted.Describe(), Now.UtcTicks),
            (rows[0].Subject, rows[0].UserName, rows[0].Action, rows[0].Target, rows[0].Detail, rows[0].AtTicks));
        Assert.StartsWith("4 events, 2 failure reasons, 4 inbox rows, 0 quarantine rows, ", rows[0].Detail, StringComparison.Ordinal);
        Assert.False(again.DeletedAnything);
        Assert.Equal(new AuditVerification(true, 2, null, null), await store.Audit.VerifyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Purge_FailsPartWay_WhatWasDeletedIsAuditedAndTheFailureThrown()
    {
        var store = await CreateAsync();
        await store.StoreAsync(Older());
        await store.RefuseEventDeletesAsync("refuse_carol", "old.provider_event_id = 'o-c1'");

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => store.Purger(batchSize: 1).PurgeAsync(Cutoff, CancellationToken.None));

        var row = Assert.Single(await store.Audit.ListAsync(new AuditQuery(), null, 10, CancellationToken.None));
        Assert.StartsWith("2 events, 1 failure reasons, 2 inbox rows, ", row.Detail, StringComparison.Ordinal);
        Assert.EndsWith("; stopped early: " + store.RefusalException, row.Detail, StringComparison.Ordinal);
        await using var db = await store.Database.Contexts.CreateDbContextAsync();
        Assert.Equal(["o-a2", "o-c1"], await db.Events.OrderBy(e => e.ProviderEventId).Select(e => e.ProviderEventId).ToListAsync());
    }

    [Fact]
    public async Task Purge_NothingOlder_NothingDeletedAndNothingAudited()
    {
        var store = await CreateAsync();
        await store.StoreAsync(Newer());
        var rows = await RowsAsync(store);

        var deleted = await store.Purger().PurgeAsync(Cutoff, CancellationToken.None);

        Assert.Equal(RetentionResult.Nothing, deleted);
        Assert.Equal(rows, await RowsAsync(store));
        Assert.Empty(await store.Audit.ListAsync(new AuditQuery(), null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Purge_EventsThatAreAlertEvidence_TheirEvidenceGoesAndTheAlertKeepsTheRest()
    {
        var store = await CreateAsync();
        await store.StoreAsync(Older());
        await store.StoreAsync(Newer());
        var ids = await EventIdsAsync(store);
        // Seen on both sides of the cutoff: it stays, with the evidence of the newer event only.
        var alert = await AddAlertAsync(store, SharedIp, AlertStatus.Open, Cutoff.AddMinutes(-20), Cutoff.AddSeconds(5), ids["o-c1"], ids["o-a2"], ids["n-a1"]);

        var deleted = await store.Purger(batchSize: 1).PurgeAsync(Cutoff, CancellationToken.None);

        Assert.Equal((2, 0), (deleted.AlertEvidence, deleted.Alerts));
        await using var db = await store.Database.Contexts.CreateDbContextAsync();
        Assert.Equal([ids["n-a1"]], await db.Set<AlertEvidenceRecord>().Select(e => e.EventId).ToListAsync());
        var kept = await db.Set<AlertRecord>().SingleAsync();
        // The events it counted did happen: only what it can still show shrinks.
        Assert.Equal((alert, 3L, 1), (kept.Id, kept.Count, kept.EvidenceKept));
    }

    [Fact]
    public async Task Purge_AlertsLastSeenBeforeTheCutoff_GoWithTheirEvidenceHistoryAndOutboxWhateverTheirStatus()
    {
        var store = await CreateAsync();
        await store.StoreAsync(Older());
        await store.StoreAsync(Newer());
        var ids = await EventIdsAsync(store);
        await AddAlertAsync(store, "203.0.113.1", AlertStatus.Open, Cutoff.AddDays(-3), Cutoff.AddTicks(-1), ids["o-b1"]);
        await AddAlertAsync(store, "203.0.113.2", AlertStatus.Resolved, Cutoff.AddDays(-3), Cutoff.AddDays(-2));
        await AddAlertAsync(store, "203.0.113.3", AlertStatus.FalsePositive, Cutoff.AddDays(-3), Cutoff.AddDays(-2), ids["o-a1"], ids["o-c1"]);
        var atCutoff = await AddAlertAsync(store, "203.0.113.4", AlertStatus.Acknowledged, Cutoff.AddDays(-3), Cutoff, ids["n-d1"]);
        var newer = await AddAlertAsync(store, "203.0.113.5", AlertStatus.Resolved, Cutoff.AddMinutes(-50), Cutoff.AddDays(2), ids["o-a1"], ids["n-d2"]);
        await store.Audit.AppendAsync(new AuditEntry("sub-ada", "ada", "analyst", AuditActions.PersonOpened, "alert:1", "", "192.0.2.1", "test"), CancellationToken.None);

        var deleted = await store.Purger(batchSize: 2).PurgeAsync(Cutoff, CancellationToken.None);

        // Evidence: o-a1 and o-c1 go with their events (alert 3 and alert 5), o-b1 with its event; alert 3 had nothing left.
        Assert.Equal((4, 3), (deleted.AlertEvidence, deleted.Alerts));
        await using var db = await store.Database.Contexts.CreateDbContextAsync();
        Assert.Equal([atCutoff, newer], await db.Set<AlertRecord>().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync());
        Assert.Equal([(atCutoff, ids["n-d1"]), (newer, ids["n-d2"])],
            (await db.Set<AlertEvidenceRecord>().OrderBy(e => e.AlertId).Select(e => new { e.AlertId, e.EventId }).ToListAsync()).Select(e => (e.AlertId, e.EventId)));
        Assert.Equal([atCutoff, newer], await db.Set<AlertHistoryRecord>().OrderBy(h => h.AlertId).Select(h => h.AlertId).ToListAsync());
        var histories = await db.Set<AlertHistoryRecord>().Select(h => h.Id).ToListAsync();
        Assert.Equal(histories.Order().SelectMany(h => new[] { h, h }), await db.Set<AlertOutboxRecord>().OrderBy(o => o.HistoryId).Select(o => o.HistoryId).ToListAsync());
        var audit = await store.Audit.ListAsync(new AuditQuery(), null, 10, CancellationToken.None);
        Assert.Equal(["alert:1", "events before 2025-10-18T12:34:56.5000000Z"], audit.Select(r => r.Target).Order(StringComparer.Ordinal));
        Assert.EndsWith(", 4 alert evidence rows, 3 alerts", audit.Single(r => r.Action == AuditActions.Retention).Detail, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, long>> EventIdsAsync(PurgeableStore store)
    {
        await using var db = await store.Database.Contexts.CreateDbContextAsync();
        return await db.Events.ToDictionaryAsync(e => e.ProviderEventId, e => e.Id);
    }

    /// <summary>An alert with the evidence given, one history row and one outbox row per channel, as the engine would leave it.</summary>
    private static async Task<long> AddAlertAsync(PurgeableStore store, string key, AlertStatus status, DateTimeOffset firstSeen, DateTimeOffset lastSeen, params long[] evidence)
    {
        await using var db = await store.Database.Contexts.CreateDbContextAsync();
        var alert = new AlertRecord
        {
            RuleId = AlertRuleIds.CredentialStuffing, AlertKey = key, KeyKind = AlertKeyKind.Ip, Severity = AlertSeverity.High, Status = status,
            FirstSeenTicks = firstSeen.UtcTicks, LastSeenTicks = lastSeen.UtcTicks, OpenedAtTicks = lastSeen.UtcTicks, UpdatedAtTicks = lastSeen.UtcTicks,
            StatusChangedAtTicks = lastSeen.UtcTicks, Count = evidence.Length, EvidenceKept = evidence.Length, Summary = "failures from " + key,
            Origin = AlertOrigin.Live, RuleFingerprint = "f", Version = 1, ChangeSeq = 1,
        };
        db.Add(alert);
        await db.SaveChangesAsync();
        db.AddRange(evidence.Select(id => new AlertEvidenceRecord { AlertId = alert.Id, EventId = id }));
        var opened = new AlertHistoryRecord { AlertId = alert.Id, AtTicks = alert.OpenedAtTicks, Change = AlertChange.Opened, ToStatus = AlertStatus.Open, ActorSubject = "system", ActorName = "system" };
        db.Add(opened);
        await db.SaveChangesAsync();
        db.AddRange(new[] { "webhook", "email" }.Select(channel => new AlertOutboxRecord
        {
            HistoryId = opened.Id, Channel = channel, DeliveryId = Guid.NewGuid().ToString(), PayloadJson = "{}", CreatedAtTicks = alert.OpenedAtTicks,
            NextAttemptAtTicks = alert.OpenedAtTicks,
        }));
        await db.SaveChangesAsync();
        return alert.Id;
    }

    private static async Task<List<string>> RowsAsync(PurgeableStore store)
    {
        var rows = new List<string>();
        foreach (var table in DerivedTables)
        {
            rows.AddRange(await store.RowsAsync(table));
        }

        return rows;
    }

    /// <summary>The overview, the failures page and the sign-in funnel for the range, as JSON.</summary>
    private static async Task<string> PagesAsync(PurgeableStore store, DateTimeOffset from, DateTimeOffset to)
    {
        var contexts = store.Database.Contexts;
        var overview = await new OverviewQueries(contexts).LoadAsync(from, to, null, CancellationToken.None);
        var failures = await new FailureQueries(contexts).LoadAsync(from, to, null, CancellationToken.None);
        var funnel = await new JourneyQueries(contexts).FunnelAsync(Funnels.SignIn, from, to, new FunnelReportOptions(Now.UtcTicks), CancellationToken.None);
        return JsonSerializer.Serialize(new { overview, failures, funnel }, Json);
    }

    private static async Task<string> PersonAsync(PurgeableStore store, string key) =>
        JsonSerializer.Serialize(await new PersonJourneyQueries(store.Database.Contexts).FindAsync(key, null, null, 100, CancellationToken.None), Json);

    private static DateTimeOffset Floor(DateTimeOffset at, TimeSpan size) => new(at.UtcTicks - (at.UtcTicks % size.Ticks), TimeSpan.Zero);

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
    }
}
