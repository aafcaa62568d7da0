using AuthEvents.Core.Alerts;
using AuthEvents.Core.Events;
using AuthEvents.Core.Normalization;
using AuthEvents.Store;
using AuthEvents.Store.Alerts;
using AuthEvents.Tests.Journeys;
using AuthEvents.Tests.Normalization;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Tests.Alerts.Engine;

/// <summary>
/// A migrated store (SQLite, or PostgreSQL in AuthEvents.Tests.PostgreSql) with the event store and the alert engine on
/// one write gate and a test clock; events are committed through <see cref="EventStore.CommitAsync"/> like the pipeline.
/// </summary>
internal sealed class AlertEngineHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private readonly StoredJourney _journey = new(Start);
    private int _nextId;

    public AlertEngineHarness(AlertWriterOptions? options = null)
    {
        Clock = new TestClock(Start.AddHours(1));
        Gate = new StoreWriteGate();
        Store = new EventStore(Database.Contexts, Gate, Clock);
        Engine = new AlertEngine(Database.Contexts, Gate, Clock, options ?? new AlertWriterOptions());
    }

    public TestDatabase Database { get; } = new();

    public TestClock Clock { get; }

    public StoreWriteGate Gate { get; }

    public EventStore Store { get; }

    public AlertEngine Engine { get; }

    public static string Person(int n) => FixtureFiles.Hasher.HashEmail($"person{n}@example.org")!;

    public async Task<AlertEngineHarness> MigrateAsync()
    {
        await Database.MigrateAsync();
        return this;
    }

    public AuthEvent Event(
        TimeSpan at, EventSource source, string type, string? person = null, string? ip = null, Outcome? outcome = null,
        string? context = null, FailureReason? reason = null, string? phone = null, string? authenticator = null, string? country = null,
        string? device = null) =>
        _journey.Event("e" + (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture), at, source, type, outcome, context,
            person: person, reason: reason, ip: ip, phone: phone, authenticator: authenticator, country: country, device: device);

    /// <summary>A failed password step at one of the four providers, as its normalizer would classify it.</summary>
    public AuthEvent PasswordFailure(TimeSpan at, EventSource source, string? person, string ip) => source switch
    {
        EventSource.LoginGov => Event(at, source, "login-email-and-password-auth", person, ip, Outcome.Failure,
            reason: new FailureReason("credentials", "success_false", CanonicalReasons.InvalidCredentials)),
        EventSource.OnePassword => Event(at, source, "credentials_failed", person, ip,
            reason: new FailureReason("type", "password_secret_bad", CanonicalReasons.InvalidCredentials)),
        EventSource.Entrust => Event(at, source, "authentication.failed", person, ip, context: "PASSWORD",
            reason: new FailureReason("token", "PASSWORD", CanonicalReasons.InvalidCredentials), authenticator: "PASSWORD"),
        _ => Event(at, source, "user.login.failed", person, ip,
            reason: new FailureReason("reason", "credentials", CanonicalReasons.InvalidCredentials)),
    };

    /// <summary>A Login.gov sign-in code sent by text to <paramref name="phone"/> (a keyed hash).</summary>
    public AuthEvent CodeSent(TimeSpan at, string? person, string ip, string phone) =>
        Event(at, EventSource.LoginGov, "mfa-login-phone-otp-sent", person, ip, Outcome.Success, phone: phone, authenticator: "sms");

    public Task CommitAsync(params AuthEvent[] events) => _journey.CommitAsync(Store, events);

    public Task<IReadOnlyList<string>> PrepareAsync(params IAlertRule[] rules) =>
        Engine.PrepareAsync(rules, [], "node-a", CancellationToken.None);

    public Task<AlertRunResult> EvaluateAsync(params IAlertRule[] rules) => Engine.EvaluateAsync(rules, CancellationToken.None);

    public async Task<List<AlertRecord>> AlertsAsync()
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        return await db.Set<AlertRecord>().AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    public async Task<List<long>> EvidenceAsync(long alertId)
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        return await db.Set<AlertEvidenceRecord>().AsNoTracking().Where(e => e.AlertId == alertId).OrderBy(e => e.EventId).Select(e => e.EventId).ToListAsync();
    }

    public async Task<List<AlertHistoryRecord>> HistoryAsync(long alertId)
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        return await db.Set<AlertHistoryRecord>().AsNoTracking().Where(h => h.AlertId == alertId).OrderBy(h => h.Id).ToListAsync();
    }

    public async Task<long> NewestEventIdAsync()
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        return await db.Events.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    public async Task<List<AlertRuleRecord>> RulesAsync()
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        return await db.Set<AlertRuleRecord>().AsNoTracking().OrderBy(r => r.RuleId).ToListAsync();
    }

    public async Task<int> CountersAsync(string ruleId)
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        return await db.Set<AlertCounterRecord>().CountAsync(c => c.RuleId == ruleId);
    }

    public async Task SetStatusAsync(long alertId, AlertStatus status)
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        var now = Clock.GetUtcNow().UtcTicks;
        await db.Set<AlertRecord>().Where(a => a.Id == alertId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, status).SetProperty(a => a.StatusChangedAtTicks, now));
    }

    public void Dispose()
    {
        Gate.Dispose();
        Database.Dispose();
    }
}
