using AuthEvents.Core.Events;
using AuthEvents.Core.LoginGov;
using AuthEvents.Core.Normalization;
using AuthEvents.Core.Privacy;
using AuthEvents.Demo.LoginGov;
using AuthEvents.Ingest.Feed;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Ingest.Sources;
using AuthEvents.Ingest.Sources.LoginGov;
using AuthEvents.Store;
using AuthEvents.Store.Entities;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AuthEvents.Tests.LoginGov.Importer;

/// <summary>The importer wired to a fresh database and a <see cref="TestLoginGovServer"/>, as the host wires it.</summary>
internal sealed class ImporterHarness : IAsyncDisposable
{
    private static readonly byte[] Key = Enumerable.Range(3, 32).Select(i => (byte)i).ToArray();
    private readonly StoreWriteGate _gate = new();
    private HttpClient? _http;
    private readonly IEventNormalizer[] _normalizers = [new LoginGovNormalizer(new LinkingHasher(Key))];
    private readonly InboxSignal _signal = new();

    private ImporterHarness(TestLoginGovServer server, TimeProvider time, int maxEvents, TimeSpan pollInterval, TimeSpan requestTimeout)
    {
        Server = server;
        Time = time;
        Options = new LoginGovSourceOptions
        {
            Enabled = true,
            BaseUrl = server.BaseUrl,
            Issuer = TestLoginGovServer.Issuer,
            Token = TestLoginGovServer.Token,
            MaxEvents = maxEvents,
            PollInterval = pollInterval,
            RequestTimeout = requestTimeout,
        };
        Inbox = new InboxStore(Database.Contexts, _gate, time);
        Writer = new InboxWriter(_normalizers, new PayloadProtector(Key), Inbox, _signal);
    }

    public TestDatabase Database { get; } = new();

    public TestLoginGovServer Server { get; }

    public TimeProvider Time { get; }

    public LoginGovSourceOptions Options { get; }

    public InboxStore Inbox { get; }

    public InboxWriter Writer { get; }

    public static async Task<ImporterHarness> StartAsync(
        TimeProvider time, int maxEvents = 1000, TimeSpan? pollInterval = null, TimeSpan? requestTimeout = null, int seed = 1)
    {
        var server = await TestLoginGovServer.StartAsync(seed);
        var harness = new ImporterHarness(server, time, maxEvents, pollInterval ?? TimeSpan.FromMinutes(1), requestTimeout ?? TimeSpan.FromHours(1));
        await harness.Database.MigrateAsync();
        return harness;
    }

    public LoginGovImporter NewImporter(AuthEvents.Store.Leases.SourceLeases? leases = null)
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        if (_http is null)
        {
            // One client for every importer of the harness, as the host's factory shares its handler: restarts reuse the connection.
            _http = TestSourceHttpClient.Create(Time, Options.RequestTimeout);
        }

        var client = new LoginGovPollClient(_http, options);
        return new LoginGovImporter(client, Writer, Inbox, new EventQueries(Database.Contexts), options, TestMeters.Ingest(Time), Time, NullLogger<LoginGovImporter>.Instance, leases);
    }

    /// <summary>The pull leases of a dashboard node named <paramref name="node"/> on this harness's database and clock.</summary>
    public AuthEvents.Store.Leases.SourceLeases Leases(string node) =>
        new(Database.Contexts, new AuthEvents.Store.Leases.NodeIdentity(node), Time, NullLogger<AuthEvents.Store.Leases.SourceLeases>.Instance);

    /// <summary>Decrypts and normalizes what the inbox holds, as the host's processor does.</summary>
    public async Task ProcessInboxAsync()
    {
        using var keys = LoginGovKeyRing.FromPem([TestLoginGovKeys.RsaA]);
        var decoder = new LoginGovPayloadDecoder(new SetDecoder(keys, new SetDecoderOptions { ExpectedAudience = TestLoginGovServer.Issuer }));
        var processor = new InboxProcessor(Inbox, new EventStore(Database.Contexts, _gate, Time), _normalizers, [decoder], new PayloadProtector(Key),
            new EventFeed(Time, NullLogger<EventFeed>.Instance), _signal, Time, NullLogger<InboxProcessor>.Instance);
        while (await processor.ProcessOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    public static string Unprotect(byte[] payload) => new PayloadProtector(Key).Unprotect(payload);

    public async Task<SourceStateRecord?> StateAsync()
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        return await db.SourceStates.AsNoTracking().SingleOrDefaultAsync(s => s.Source == EventSource.LoginGov);
    }

    public async Task<List<string>> InboxJtisAsync()
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        return await db.Inbox.AsNoTracking().Where(i => i.Source == EventSource.LoginGov).Select(i => i.ProviderEventId).ToListAsync();
    }

    /// <summary>Adds <paramref name="count"/> SETs encrypted to the test key, jtis <c>{prefix}-0000</c> and up.</summary>
    public List<string> AddSets(int count, string prefix = "jti")
    {
        using var rsa = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);
        var encryptor = new SetEncryptor(rsa);
        var jtis = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var jti = $"{prefix}-{i:D4}";
            Server.Add(jti, encryptor.Encrypt(TestSets.Set(jti)));
            jtis.Add(jti);
        }

        return jtis;
    }

    /// <summary>True for a timer the resilience pipeline arms between attempts: anything but the request timeout or the poll interval.</summary>
    public bool IsRetryDelay(TimeSpan duration) => duration != Options.RequestTimeout && duration != Options.PollInterval;

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _http?.Dispose();
        _gate.Dispose();
        Database.Dispose();
    }
}
