using AuthEvents.Core.Events;
using AuthEvents.Core.Normalization;
using AuthEvents.Core.OnePassword;
using AuthEvents.Core.Privacy;
using AuthEvents.Ingest.Feed;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Ingest.Sources;
using AuthEvents.Ingest.Sources.OnePassword;
using AuthEvents.Store;
using AuthEvents.Store.Entities;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AuthEvents.Tests.OnePassword;

/// <summary>The real inbox, processor and store on a test database, and importers wired to a <see cref="TestOnePasswordServer"/>.</summary>
public sealed class OnePasswordHarness : IAsyncDisposable
{
    private static readonly byte[] Key = Enumerable.Range(3, 32).Select(i => (byte)i).ToArray();
    private readonly TestDatabase _database = new();
    private readonly StoreWriteGate _gate = new();
    private readonly Dictionary<TimeSpan, HttpClient> _shared = [];
    private readonly List<HttpClient> _clients = [];

    private OnePasswordHarness(TestClock time, TestOnePasswordServer server)
    {
        Time = time;
        Server = server;
        IEventNormalizer[] normalizers = [new OnePasswordNormalizer(new LinkingHasher(Key))];
        var protector = new PayloadProtector(Key);
        Inbox = new InboxStore(_database.Contexts, _gate, time);
        var signal = new InboxSignal();
        Writer = new InboxWriter(normalizers, protector, Inbox, signal);
        Processor = new InboxProcessor(Inbox, new EventStore(_database.Contexts, _gate, time), normalizers, [], protector,
            new EventFeed(time, NullLogger<EventFeed>.Instance), signal, time, NullLogger<InboxProcessor>.Instance);
    }

    public TestClock Time { get; }

    public TestOnePasswordServer Server { get; }

    public InboxStore Inbox { get; }

    public InboxWriter Writer { get; }

    public InboxProcessor Processor { get; }

    public IDbContextFactory<AuthEventsDbContext> Contexts => _database.Contexts;

    public static async Task<OnePasswordHarness> StartAsync(TestClock? time = null)
    {
        var server = await TestOnePasswordServer.StartAsync();
        var harness = new OnePasswordHarness(time ?? new TestClock(), server);
        await harness._database.MigrateAsync();
        return harness;
    }

    public OnePasswordSourceOptions Options(Action<OnePasswordSourceOptions>? configure = null)
    {
        var options = new OnePasswordSourceOptions
        {
            Enabled = true,
            BaseUrl = Server.BaseUrl,
            Token = Server.Token,
            PollInterval = TimeSpan.FromSeconds(30),
            RequestTimeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>
    /// An importer whose HttpClient has the product's resilience pipeline on <paramref name="time"/> (default the harness
    /// clock) in front of <paramref name="handler"/> (default a plain socket handler).
    /// </summary>
    public OnePasswordImporter Importer(
        Action<OnePasswordSourceOptions>? configure = null, TimeProvider? time = null, HttpMessageHandler? handler = null, ILoggerFactory? loggers = null,
        AuthEvents.Store.Leases.SourceLeases? leases = null)
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options(configure));
        var clock = time ?? Time;
        // Importers on the harness clock share a client, as the host's factory shares its handler: restarts reuse the connection.
        var shared = handler is null && clock == Time;
        if (!shared || !_shared.TryGetValue(options.Value.RequestTimeout, out var http))
        {
            http = TestSourceHttpClient.Create(clock, options.Value.RequestTimeout, OnePasswordClient.UntilNextMinute, handler);
            _clients.Add(http);
            if (shared)
            {
                _shared[options.Value.RequestTimeout] = http;
            }
        }

        return new OnePasswordImporter(new OnePasswordClient(new TestHttpClientFactory(http), options, clock), Writer, Inbox, options, TestMeters.Ingest(clock), clock,
            loggers?.CreateLogger<OnePasswordImporter>() ?? NullLogger<OnePasswordImporter>.Instance, leases);
    }

    /// <summary>The pull leases of a dashboard node named <paramref name="node"/> on this harness's database and clock.</summary>
    public AuthEvents.Store.Leases.SourceLeases Leases(string node) =>
        new(_database.Contexts, new AuthEvents.Store.Leases.NodeIdentity(node), Time, NullLogger<AuthEvents.Store.Leases.SourceLeases>.Instance);

    /// <summary>
    /// Runs one poll as the background loop does (failures recorded), moving the clock through the
    /// <paramref name="retries"/> retry delays the pipeline is expected to wait. Returns the delays and the loop's next wait.
    /// </summary>
    public async Task<(List<TimeSpan> RetryDelays, TimeSpan? Next)> RunOnceAsync(OnePasswordImporter importer, int retries = 0)
    {
        var run = importer.RunOnceAsync(CancellationToken.None);
        var delays = new List<TimeSpan>();
        for (var i = 0; i < retries; i++)
        {
            delays.Add(await Time.AdvanceToTimerAsync(IsRetryDelay));
        }

        return (delays, await run);
    }

    /// <summary>True for a timer the resilience pipeline arms between attempts: anything but the request timeout or the poll interval.</summary>
    public bool IsRetryDelay(TimeSpan duration) => duration != Options().RequestTimeout && duration != Options().PollInterval;

    public Task<SourceStateRecord?> StateAsync() => Inbox.GetSourceStateAsync(EventSource.OnePassword, CancellationToken.None);

    public async Task<List<string>> StoredIdsAsync()
    {
        await using var db = await _database.Contexts.CreateDbContextAsync();
        return await db.Inbox.Where(i => i.Source == EventSource.OnePassword).Select(i => i.ProviderEventId).ToListAsync();
    }

    public async Task SetCursorAsync(string cursor)
    {
        await Writer.WriteAsync([], EventSource.OnePassword, s => s.Cursor = cursor, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _gate.Dispose();
        _database.Dispose();
    }
}
