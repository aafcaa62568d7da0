using AuthEvents.Store.Audit;
using AuthEvents.Web.Audit;
using AuthEvents.Core.Events;
using AuthEvents.Demo.Hosting;
using AuthEvents.Ingest.Feed;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Store;
using AuthEvents.Store.Journeys;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Journeys;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// The base of the page tests: the web host's query services (the real ones, as the host registers them) over a fresh
/// SQLite file per test, the in-process event feed the pages subscribe to, demo mode and quarantine replay. Events are
/// stored through the real <see cref="EventStore"/>, so the rollups, the journey index and the quarantine rows the pages
/// read are the ones the pipeline writes. The store's connections go through <see cref="Contexts"/>, which a test can
/// hold (the page shows its loading state until it is released).
/// </summary>
public abstract class PageTestContext : ComponentTestContext
{
    // Events stored by a test take inbox ids from here; real inbox rows (the quarantine's) count from 1, far below.
    private long _nextInboxId = 100_000;
    private Task? _migrated;

    protected PageTestContext()
    {
        Contexts = new HeldContexts(Database.Contexts);
        Feed = new EventFeed(Time, NullLogger<EventFeed>.Instance);
        Inbox = new InboxStore(Database.Contexts, WriteGate, Time);
        Services.AddSingleton<IDbContextFactory<AuthEventsDbContext>>(Contexts);
        AddFeed(Feed);
        Services.AddSingleton<EventQueries>();
        Services.AddSingleton<AnalyticsQueries>();
        Services.AddSingleton<OverviewQueries>();
        Services.AddSingleton<FailureQueries>();
        Services.AddSingleton<LiveQueries>();
        Services.AddSingleton<JourneyQueries>();
        Services.AddSingleton<PersonJourneyQueries>();
        Services.AddSingleton(new AuthEvents.Core.Journeys.PersonFlagOptions());
        Services.AddSingleton<SessionJourneyQueries>();
        Services.AddSingleton(Inbox);
        Services.AddSingleton(Signal);
        Services.AddSingleton<QuarantineReplayer>();
        Audit = new AuditStore(Database.Contexts, WriteGate, AuditChain.FromPayloadKey(new byte[32]), Time);
        Services.AddSingleton(Audit);
        Services.AddSingleton<AuditLog>();
        Services.AddSingleton(new AuthEvents.Store.Alerts.AlertQueries(Contexts));
        Services.AddSingleton(new AuthEvents.Store.Alerts.AlertStore(Contexts, WriteGate, Audit, Time));
        Services.AddLogging();
        // No provider source configured: every source runs on the built-in demo, as a fresh install does.
        Services.AddSingleton(new DemoMode(new ConfigurationBuilder().Build()));
    }

    protected TestDatabase Database { get; } = new();

    /// <summary>The connections every query service opens; hold them to keep a page loading.</summary>
    protected HeldContexts Contexts { get; }

    /// <summary>The feed the pages subscribe to: publish what was stored, as the pipeline does after a commit.</summary>
    protected EventFeed Feed { get; }

    protected StoreWriteGate WriteGate { get; } = new();

    /// <summary>The audit trail the pages write to (opening a person, a replay).</summary>
    protected AuditStore Audit { get; }

    protected InboxStore Inbox { get; }

    /// <summary>What the replayer pokes so the processor reads the inbox again.</summary>
    protected InboxSignal Signal { get; } = new();

    protected Task MigrateAsync() => _migrated ??= Database.MigrateAsync();

    /// <summary>Stores the events (migrating first), as one pipeline commit; returns the store's ids, in the order given.</summary>
    protected async Task<IReadOnlyList<long>> StoreAsync(params AuthEvent[] events)
    {
        await MigrateAsync();
        var store = new EventStore(Database.Contexts, WriteGate, Time);
        var result = await store.CommitAsync(events.Select(e => new NormalizedInboxRecord(_nextInboxId++, e.Source, e.ProviderEventId, false, e, null)).ToList(), CancellationToken.None);
        Assert.Equal(events.Length, result.NewEvents.Count);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        var ids = events.Select(e => e.ProviderEventId).ToList();
        var stored = await db.Events.AsNoTracking().Where(e => ids.Contains(e.ProviderEventId)).Select(e => new { e.ProviderEventId, e.Source, e.Id }).ToListAsync();
        return events.Select(e => stored.Single(s => s.ProviderEventId == e.ProviderEventId && s.Source == e.Source).Id).ToList();
    }

    /// <summary>Stores the events and announces them on the feed, as the pipeline does after a commit.</summary>
    protected async Task<IReadOnlyList<long>> StoreAndPublishAsync(params AuthEvent[] events)
    {
        var ids = await StoreAsync(events);
        Feed.Publish(events, 0);
        return ids;
    }

    /// <summary>One event at <paramref name="minutesAgo"/> before <see cref="ComponentTestContext.Now"/>, its milestone and step from the catalog.</summary>
    protected static AuthEvent Event(
        string id, double minutesAgo, EventSource source, string type, Outcome? outcome = null, string? person = null, string? email = null,
        string? subject = null, string? session = null, FailureReason? reason = null, string? country = null, string? ip = null, string? authenticator = null) =>
        new StoredJourney(Now).Event(id, TimeSpan.FromMinutes(-minutesAgo), source, type, outcome, person: person, email: email, subject: subject,
            session: session, reason: reason, country: country, ip: ip, authenticator: authenticator);

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        Contexts.Release();
        WriteGate.Dispose();
        Database.Dispose();
    }

    /// <summary>
    /// The store's connections, which a test can hold: while held, every query waits before it opens one (the page shows
    /// what it shows while loading); <see cref="Release"/> lets them all go on.
    /// </summary>
    protected sealed class HeldContexts(IDbContextFactory<AuthEventsDbContext> inner) : IDbContextFactory<AuthEventsDbContext>
    {
        private volatile TaskCompletionSource? _hold;

        public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _hold?.TrySetResult();

        /// <summary>While set, every query fails to open a connection with this error (a store that has gone away).</summary>
        public Exception? Failure { get; set; }

        /// <summary>The contexts the query services have opened: one per store read.</summary>
        public int Opened => Volatile.Read(ref _opened);

        private int _opened;

        public AuthEventsDbContext CreateDbContext()
        {
            Interlocked.Increment(ref _opened);
            return Failure is { } failure ? throw failure : inner.CreateDbContext();
        }

        public async Task<AuthEventsDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
        {
            if (_hold is { } hold)
            {
                await hold.Task.WaitAsync(cancellationToken);
            }

            return CreateDbContext();
        }
    }
}
