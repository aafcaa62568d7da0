using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Core.Inbox;
using AuthEvents.Core.LoginGov;
using AuthEvents.Core.Normalization;
using AuthEvents.Core.Privacy;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Ingest.Sources.LoginGov;
using AuthEvents.Store;
using AuthEvents.Store.Entities;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Tests.Pipeline;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class LoginGovJwePipelineTests : IDisposable
{
    private const string Audience = "urn:gov:gsa:openidconnect.profiles:sp:sso:agency:example-app";
    private static readonly string Vectors = Path.Combine(AppContext.BaseDirectory, "Fixtures", "LoginGov", "vectors");
    private static readonly byte[] Key = Enumerable.Range(9, 32).Select(i => (byte)i).ToArray();
    private readonly TestDatabase _database = new();
    private readonly TestClock _time = new();
    private readonly StoreWriteGate _gate = new();

    [Fact]
    public async Task ReferencePoll_JwesThroughInbox_DecryptedVerifiedNormalizedStored()
    {
        using var keys = LoginGovKeyRing.FromPem([await File.ReadAllTextAsync(Path.Combine(Vectors, "logingov_sp_private_key.pem"))]);
        var signing = LoginGovSigningKeys.FromPem(await File.ReadAllTextAsync(Path.Combine(Vectors, "logingov_transmitter_es256_public_key.pem")));
        var decoder = new LoginGovPayloadDecoder(new SetDecoder(keys, new SetDecoderOptions { ExpectedAudience = Audience, SigningKeys = signing }));
        var (writer, processor) = await PipelineAsync(decoder);

        await writer.WriteAsync(await PollRecordsAsync(), null, null, CancellationToken.None);
        await processor.ProcessOnceAsync(CancellationToken.None);

        await using var db = await _database.Contexts.CreateDbContextAsync();
        var events = await db.Events.OrderBy(e => e.ProviderEventId).ToListAsync();
        Assert.Equal(["1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed", "2c8e7ade-ccfe-4c3e-8c6e-bc9e0cce5cfe"], events.Select(e => e.ProviderEventId));
        Assert.Equal(["login-email-and-password-auth", "mfa-login-auth-submitted"], events.Select(e => e.EventType));
        Assert.All(events, e => Assert.Equal(Audience, e.Tenant));
        Assert.Empty(await db.Quarantine.ToListAsync());
    }

    [Fact]
    public async Task ReferencePoll_WrongPrivateKey_QuarantinedWithReasonAndJweKeptForReplay()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        using var keys = LoginGovKeyRing.FromPem([rsa.ExportPkcs8PrivateKeyPem()]);
        var decoder = new LoginGovPayloadDecoder(new SetDecoder(keys, new SetDecoderOptions { ExpectedAudience = Audience }));
        var (writer, processor) = await PipelineAsync(decoder);
        var records = await PollRecordsAsync();

        await writer.WriteAsync(records, null, null, CancellationToken.None);
        await processor.ProcessOnceAsync(CancellationToken.None);

        await using var db = await _database.Contexts.CreateDbContextAsync();
        var quarantine = await db.Quarantine.OrderBy(q => q.ProviderEventId).ToListAsync();
        Assert.Equal(2, quarantine.Count);
        Assert.All(quarantine, q => Assert.StartsWith("Login.gov SET not accepted (UnknownKey): no private key for kid 'e8779d6c", q.Reason, StringComparison.Ordinal));
        var kept = await db.Inbox.OrderBy(i => i.ProviderEventId).FirstAsync();
        Assert.Equal(records.OrderBy(r => r.Key!.Value.ProviderEventId, StringComparer.Ordinal).First().Payload, new PayloadProtector(Key).Unprotect(kept.Payload));
    }

    private async Task<List<InboundRecord>> PollRecordsAsync()
    {
        using var poll = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Vectors, "logingov_poll_response.json")));
        return poll.RootElement.GetProperty("sets").EnumerateObject()
            .Select(set => new InboundRecord(EventSource.LoginGov, set.Value.GetString()!, _time.GetUtcNow(), false, new InboxKey(Audience, set.Name), PayloadFormats.Jwe))
            .ToList();
    }

    private async Task<(InboxWriter Writer, InboxProcessor Processor)> PipelineAsync(IPayloadDecoder decoder)
    {
        var pipeline = await TestPipeline.CreateAsync(_database, _gate, _time, Key, [new LoginGovNormalizer(new LinkingHasher(Key))], [decoder]);
        return (pipeline.Writer, pipeline.Processor);
    }

    public void Dispose()
    {
        _gate.Dispose();
        _database.Dispose();
    }
}
