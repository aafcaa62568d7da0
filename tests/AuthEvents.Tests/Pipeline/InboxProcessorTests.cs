using AuthEvents.Core.Entrust;
using AuthEvents.Core.Events;
using AuthEvents.Core.Inbox;
using AuthEvents.Core.Normalization;
using AuthEvents.Core.Privacy;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Store;
using AuthEvents.Store.Entities;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Tests.Pipeline;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class InboxProcessorTests : IDisposable
{
    private const string EntrustEvent = """{"id":"019adb89-60dd-750e-90a3-e860c924aa29","type":"authentication.failed","accountId":"acct","eventTime":"2025-12-01T20:10:04Z","data":{"subject":"s","subjectName":"john.smith","subjectType":"USER","resourceName":"User Portal","sourceIp":"198.51.100.7","token":"PASSWORD"}}""";
    private static readonly byte[] Key = Enumerable.Range(3, 32).Select(i => (byte)i).ToArray();
    private readonly TestDatabase _database = new();
    private readonly TestClock _time = new();
    private readonly StoreWriteGate _gate = new();

    [Fact]
    public async Task Process_EncryptedPayloadWithoutDecoder_QuarantinedWithWhatToConfigure()
    {
        var (writer, processor) = await PipelineAsync([]);
        await writer.WriteAsync([Jwe("jti-1", "eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d")], null, null, CancellationToken.None);

        await processor.ProcessOnceAsync(CancellationToken.None);

        var quarantined = await SingleQuarantineAsync();
        Assert.Equal("no decoder for payload format 'jwe' (for Login.gov SETs: configure Sources:LoginGov:PrivateKeyPath)", quarantined.Reason);
        Assert.Equal("jti-1", quarantined.ProviderEventId);
    }

    [Fact]
    public async Task Process_DecoderFails_QuarantinedWithItsReasonAndPayloadKept()
    {
        var (writer, processor) = await PipelineAsync([new TestPayloadDecoder(null, "no private key for kid abc")]);
        await writer.WriteAsync([Jwe("jti-2", "raw-jwe")], null, null, CancellationToken.None);

        await processor.ProcessOnceAsync(CancellationToken.None);

        Assert.Equal("no private key for kid abc", (await SingleQuarantineAsync()).Reason);
        await using var db = await _database.Contexts.CreateDbContextAsync();
        var inbox = await db.Inbox.SingleAsync();
        Assert.Equal(PayloadFormats.Jwe, inbox.PayloadFormat);
        Assert.Equal("raw-jwe", new PayloadProtector(Key).Unprotect(inbox.Payload));
    }

    [Fact]
    public async Task Process_DecoderSucceeds_NormalizesTheDecodedJson()
    {
        var (writer, processor) = await PipelineAsync([new TestPayloadDecoder(EntrustEvent, null)]);
        await writer.WriteAsync([Jwe("019adb89-60dd-750e-90a3-e860c924aa29", "raw-jwe", EventSource.Entrust, "acct")], null, null, CancellationToken.None);

        await processor.ProcessOnceAsync(CancellationToken.None);

        await using var db = await _database.Contexts.CreateDbContextAsync();
        var stored = await db.Events.SingleAsync();
        Assert.Equal("authentication.failed", stored.EventType);
        Assert.Empty(await db.Quarantine.ToListAsync());
    }

    [Fact]
    public async Task Process_NormalizerThrows_RecordQuarantinedAndBatchGoesOn()
    {
        var (writer, processor) = await PipelineAsync([], new ThrowingNormalizer());
        await writer.WriteAsync(
        [
            new InboundRecord(EventSource.LoginGov, "{}", _time.GetUtcNow(), false, new InboxKey("", "bad")),
            new InboundRecord(EventSource.Entrust, EntrustEvent, _time.GetUtcNow(), false),
        ], null, null, CancellationToken.None);

        await processor.ProcessOnceAsync(CancellationToken.None);

        Assert.Equal("normalizer failed: InvalidOperationException", (await SingleQuarantineAsync()).Reason);
        await using var db = await _database.Contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.Events.CountAsync());
    }

    private InboundRecord Jwe(string jti, string payload, EventSource source = EventSource.LoginGov, string tenant = "urn:aud") =>
        new(source, payload, _time.GetUtcNow(), false, new InboxKey(tenant, jti), PayloadFormats.Jwe);

    private async Task<(InboxWriter Writer, InboxProcessor Processor)> PipelineAsync(IReadOnlyList<IPayloadDecoder> decoders, IEventNormalizer? extra = null)
    {
        var hasher = new LinkingHasher(Key);
        IEventNormalizer[] normalizers = extra is null ? [new EntrustNormalizer(hasher)] : [new EntrustNormalizer(hasher), extra];
        var pipeline = await TestPipeline.CreateAsync(_database, _gate, _time, Key, normalizers, decoders);
        return (pipeline.Writer, pipeline.Processor);
    }

    private async Task<QuarantineRecord> SingleQuarantineAsync()
    {
        await using var db = await _database.Contexts.CreateDbContextAsync();
        return await db.Quarantine.SingleAsync();
    }

    public void Dispose()
    {
        _gate.Dispose();
        _database.Dispose();
    }

    private sealed class TestPayloadDecoder(string? json, string? failure) : IPayloadDecoder
    {
        public string Format => PayloadFormats.Jwe;

        public ValueTask<PayloadDecodeResult> DecodeAsync(EventSource source, string providerEventId, string payload, CancellationToken cancellationToken) =>
            ValueTask.FromResult(json is not null ? PayloadDecodeResult.Success(json) : PayloadDecodeResult.Failure(failure ?? ""));
    }

    private sealed class ThrowingNormalizer : IEventNormalizer
    {
        public EventSource Source => EventSource.LoginGov;

        public InboxKey? ReadKey(string payload) => null;

        public NormalizationResult Normalize(RawRecord record) => throw new InvalidOperationException("bug");
    }
}
