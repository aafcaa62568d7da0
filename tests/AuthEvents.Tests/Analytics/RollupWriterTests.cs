using AuthEvents.Core.Events;
using AuthEvents.Store;
using AuthEvents.Store.Entities;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static AuthEvents.Tests.Analytics.ScriptedStore;

namespace AuthEvents.Tests.Analytics;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class RollupWriterTests
{
    private static readonly FailureReason BadPassword = new("category", "credentials_failed", CanonicalReasons.InvalidCredentials);
    private static readonly FailureReason BadCode = new("reason", "otp", CanonicalReasons.MfaInvalid);

    [Fact]
    public async Task Commit_NewEvents_CountedOncePerGrain()
    {
        using var store = await CreateAsync();
        await store.StoreAsync(
            Event("1", Noon.AddSeconds(5), outcome: Outcome.Failure, country: "US", reasons: BadPassword),
            Event("2", Noon.AddSeconds(40), outcome: Outcome.Failure, country: "US", reasons: BadPassword),
            Event("3", Noon.AddMinutes(1).AddSeconds(1), outcome: Outcome.Failure, country: "US", reasons: BadPassword),
            Event("4", Noon.AddMinutes(61), outcome: Outcome.Success));

        var rows = await EventRollupsAsync(store.Database);

        Assert.Equal(
            [
                (RollupGrain.Minute, Noon, Outcome.Failure, "US", 2L),
                (RollupGrain.Minute, Noon.AddMinutes(1), Outcome.Failure, "US", 1L),
                (RollupGrain.Minute, Noon.AddMinutes(61), Outcome.Success, "", 1L),
                (RollupGrain.Hour, Noon, Outcome.Failure, "US", 3L),
                (RollupGrain.Hour, Noon.AddHours(1), Outcome.Success, "", 1L),
                (RollupGrain.Day, Noon.AddHours(-12), Outcome.Success, "", 1L),
                (RollupGrain.Day, Noon.AddHours(-12), Outcome.Failure, "US", 3L),
            ],
            rows.Select(r => (r.Grain, new DateTimeOffset(r.BucketTicks, TimeSpan.Zero), r.Outcome, r.Country, r.Count)));
    }

    [Fact]
    public async Task Commit_DuplicatesInBatchAndAcrossBatches_CountedOnce()
    {
        using var store = await CreateAsync();
        var first = Event("dup", Noon, outcome: Outcome.Failure, person: "p-1", reasons: BadPassword);

        await store.StoreAsync(first, first, Event("other", Noon, outcome: Outcome.Failure, person: "p-1", reasons: BadPassword));
        var again = await store.StoreAsync(first, Event("other", Noon, outcome: Outcome.Failure, person: "p-1", reasons: BadPassword));

        Assert.Equal(2, again.Duplicates);
        await using var db = await store.Database.Contexts.CreateDbContextAsync();
        Assert.Equal(2, await db.EventRollups.Where(r => r.Grain == RollupGrain.Minute).SumAsync(r => r.Count));
        Assert.Equal(2, await db.ReasonRollups.Where(r => r.Grain == RollupGrain.Day).SumAsync(r => r.Count));
        Assert.Equal(1, await db.PersonRollups.CountAsync(r => r.Grain == RollupGrain.Hour));
        Assert.Equal(1, await db.RollupPeople.CountAsync());
    }

    [Fact]
    public async Task Commit_FailureReasons_CountedPerReasonWithRawCode()
    {
        using var store = await CreateAsync();
        await store.StoreAsync(
            Event("1", Noon, EventSource.LoginGov, "mfa-login-auth-submitted", Milestones.MfaVerify, Outcome.Failure, reasons: [BadCode, BadPassword]),
            Event("2", Noon.AddMinutes(2), EventSource.LoginGov, "mfa-login-auth-submitted", Milestones.MfaVerify, Outcome.Failure, reasons: BadCode));

        await using var db = await store.Database.Contexts.CreateDbContextAsync();
        var hour = await db.ReasonRollups.Where(r => r.Grain == RollupGrain.Hour).OrderBy(r => r.Code).ToListAsync();
        Assert.Equal(
            [("category", "credentials_failed", CanonicalReasons.InvalidCredentials, 1L), ("reason", "otp", CanonicalReasons.MfaInvalid, 2L)],
            hour.Select(r => (r.Field, r.Code, r.Canonical, r.Count)));
        Assert.Equal(3, await db.ReasonRollups.Where(r => r.Grain == RollupGrain.Minute).SumAsync(r => r.Count));
    }

    [Fact]
    public async Task Commit_People_OneRowPerPersonAndBucketWithIdvFlags()
    {
        using var store = await CreateAsync();
        await store.StoreAsync(
            Event("1", Noon, EventSource.LoginGov, milestone: Milestones.IdvDocumentUpload, person: "p-1"),
            Event("2", Noon.AddMinutes(5), EventSource.LoginGov, milestone: Milestones.IdvComplete, person: "p-1"),
            Event("3", Noon.AddMinutes(6), EventSource.LoginGov, milestone: Milestones.IdvComplete, outcome: Outcome.Failure, person: "p-2"),
            Event("4", Noon.AddMinutes(7), EventSource.LoginGov, person: "p-3"),
            Event("5", Noon.AddMinutes(8), EventSource.LoginGov, person: null));
        await store.StoreAsync(Event("6", Noon.AddMinutes(9), EventSource.LoginGov, milestone: Milestones.IdvSsn, person: "p-3"));

        await using var db = await store.Database.Contexts.CreateDbContextAsync();
        var people = await db.RollupPeople.ToDictionaryAsync(p => p.Id, p => p.PersonKey);
        var hour = await db.PersonRollups.Where(r => r.Grain == RollupGrain.Hour).ToListAsync();
        Assert.Equal(
            [("p-1", true, true), ("p-2", true, false), ("p-3", true, false)],
            hour.Select(r => (people[r.PersonId], r.IdvStarted, r.IdvCompleted)).OrderBy(r => r.Item1, StringComparer.Ordinal));
        Assert.Equal(3, await db.PersonRollups.CountAsync(r => r.Grain == RollupGrain.Day));
    }

#if !POSTGRES // Upgrading a SQLite file written before the rollups existed; PostgreSQL stores start with them.
    [Fact]
    public async Task Migrate_EventsStoredBeforeRollups_BackfilledAsTheWritePathCountsThem()
    {
        var events = new[]
        {
            Event("1", Noon.AddMinutes(-61), EventSource.LoginGov, "idv-doc", Milestones.IdvDocumentUpload, Outcome.Failure, "p-1", "US", null, BadPassword, BadCode),
            Event("2", Noon.AddMinutes(-1), EventSource.LoginGov, "idv-done", Milestones.IdvComplete, Outcome.Success, "p-1", "US"),
            Event("3", Noon.AddHours(13), EventSource.Entrust, "authentication.failed", Milestones.MfaVerify, Outcome.Failure, "p-2", null, "OTP", BadCode),
            Event("4", Noon.AddHours(13), EventSource.Entrust, "authentication.failed", Milestones.MfaVerify, Outcome.Failure, "p-2", null, "OTP", BadCode),
        };
        using var written = await CreateAsync();
        await written.StoreAsync(events);
        using var legacy = new TestDatabase();
        await using (var db = await legacy.Contexts.CreateDbContextAsync())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261122000001_Initial");
            db.Events.AddRange(events.Select((e, i) => EventRecordMapper.ToRecord(e, i + 1, false)));
            await db.SaveChangesAsync();
        }

        await legacy.MigrateAsync();

        Assert.Equal(await SnapshotAsync(written.Database), await SnapshotAsync(legacy));
        Assert.NotEmpty((await SnapshotAsync(legacy)).People);
    }
#endif

    private static async Task<List<EventRollupRecord>> EventRollupsAsync(TestDatabase database)
    {
        await using var db = await database.Contexts.CreateDbContextAsync();
        var rows = await db.EventRollups.ToListAsync();
        return rows.OrderBy(r => r.Grain).ThenBy(r => r.BucketTicks).ThenBy(r => r.Outcome).ToList();
    }

    private static async Task<Snapshot> SnapshotAsync(TestDatabase database)
    {
        await using var db = await database.Contexts.CreateDbContextAsync();
        var people = await db.RollupPeople.ToDictionaryAsync(p => p.Id, p => p.PersonKey);
        var events = (await db.EventRollups.ToListAsync())
            .Select(r => $"{r.Grain} {r.BucketTicks} {r.Source} {r.EventType} {r.Milestone} {r.Outcome} {r.Country} {r.Authenticator} {r.IsDemo} {r.Count}");
        var reasons = (await db.ReasonRollups.ToListAsync())
            .Select(r => $"{r.Grain} {r.BucketTicks} {r.Source} {r.EventType} {r.Field} {r.Code} {r.Canonical} {r.Count}");
        var persons = (await db.PersonRollups.ToListAsync())
            .Select(r => $"{r.Grain} {r.BucketTicks} {r.Source} {people[r.PersonId]} {r.IdvStarted} {r.IdvCompleted}");
        return new Snapshot(Sorted(events), Sorted(reasons), Sorted(persons));
    }

    private static string Sorted(IEnumerable<string> lines) => string.Join('\n', lines.Order(StringComparer.Ordinal));

    private sealed record Snapshot(string Events, string Reasons, string People);
}
