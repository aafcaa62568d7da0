using AuthEvents.Core.Normalization;
using AuthEvents.Core.Privacy;
using AuthEvents.Ingest.Feed;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuthEvents.Tests.Support;

/// <summary>The real inbox writer and processor over a migrated test database, with the given normalizers and decoders.</summary>
public sealed class TestPipeline
{
    private TestPipeline(InboxWriter writer, InboxProcessor processor, PayloadProtector protector)
    {
        Writer = writer;
        Processor = processor;
        Protector = protector;
    }

    public InboxWriter Writer { get; }

    public InboxProcessor Processor { get; }

    public PayloadProtector Protector { get; }

    public static async Task<TestPipeline> CreateAsync(
        TestDatabase database, StoreWriteGate gate, TimeProvider time, byte[] key,
        IReadOnlyList<IEventNormalizer> normalizers, IReadOnlyList<IPayloadDecoder> decoders)
    {
        ArgumentNullException.ThrowIfNull(database);
        await database.MigrateAsync();
        var protector = new PayloadProtector(key);
        var inbox = new InboxStore(database.Contexts, gate, time);
        var signal = new InboxSignal();
        var processor = new InboxProcessor(inbox, new EventStore(database.Contexts, gate, time), normalizers, decoders, protector,
            new EventFeed(time, NullLogger<EventFeed>.Instance), signal, time, NullLogger<InboxProcessor>.Instance);
        return new TestPipeline(new InboxWriter(normalizers, protector, inbox, signal), processor, protector);
    }
}
