using AuthEvents.Core.Events;
using AuthEvents.Core.Normalization;
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
    private readonly HttpClient _http = new();

    private OnePasswordHarness(TestTimeProvider time, TestOnePasswordServer server)
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

    public TestTimeProvider Time { get; }

    public TestOnePasswordServer Server { get; }

    public InboxStore Inbox { get; }

    public InboxWriter Writer { get; }

    public InboxProcessor Processor { get; }

    public IDbContextFactory<AuthEventsDbContext> Contexts => _database.Contexts;

    public static async Task<OnePasswordHarness> StartAsync(TestTimeProvider? time = null)
    {
        var server = await TestOnePasswordServer.StartAsync();
        var harness = new OnePasswordHarness(time ?? new TestTimeProvider(), server);
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

    public OnePasswordImporter Importer(
        Action<OnePasswordSourceOptions>? configure = null, TimeProvider? time = null, HttpClient? http = null, ILoggerFactory? loggers = null)
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options(configure));
        var clock = time ?? Time;
        return new OnePasswordImporter(new OnePasswordClient(new TestHttpClientFactory(http ?? _http), options, clock), Writer, Inbox, options, clock,
            loggers?.CreateLogger<OnePasswordImporter>() ?? NullLogger<OnePasswordImporter>.Instance);
    }

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
        _http.Dispose();
        _gate.Dispose();
        _database.Dispose();
    }
}
