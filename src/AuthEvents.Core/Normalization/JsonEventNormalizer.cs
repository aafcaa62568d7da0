using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Core.Inbox;
using AuthEvents.Core.Privacy;

namespace AuthEvents.Core.Normalization;

/// <summary>
/// Base of the providers' JSON normalizers: the payload is parsed once, anything unreadable becomes a rejection
/// (never an exception), and the provider's rules see only a parsed JSON object.
/// </summary>
public abstract class JsonEventNormalizer : IEventNormalizer
{
    /// <summary>Creates the normalizer with the keyed hasher for e-mail addresses, phone numbers and device ids.</summary>
    protected JsonEventNormalizer(LinkingHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        Hasher = hasher;
    }

    /// <inheritdoc />
    public abstract EventSource Source { get; }

    /// <summary>Keyed hashing for identifiers that link events without being stored.</summary>
    protected LinkingHasher Hasher { get; }

    /// <inheritdoc />
    public InboxKey? ReadKey(string payload) => NormalizerRunner.ReadKey(payload, ReadKeyFrom);

    /// <inheritdoc />
    public NormalizationResult Normalize(RawRecord record) =>
        NormalizerRunner.Run(Source, record, root => Normalize(root, record.ReceivedAt));

    /// <summary>The dedupe key from the parsed payload, or null when it has none.</summary>
    protected abstract InboxKey? ReadKeyFrom(JsonElement root);

    /// <summary>The provider's rules: the canonical event from the parsed payload, or a rejection with its reason.</summary>
    protected abstract NormalizationResult Normalize(JsonElement root, DateTimeOffset receivedAt);
}
