using AuthEvents.Core.Entrust;
using AuthEvents.Core.Events;
using AuthEvents.Core.FusionAuth;
using AuthEvents.Core.LoginGov;
using AuthEvents.Core.OnePassword;
using AuthEvents.Core.Privacy;

namespace AuthEvents.Core.Normalization;

/// <summary>The normalizers of all four providers, sharing one <see cref="LinkingHasher"/> so that person keys link across providers.</summary>
public sealed class EventNormalizers
{
    private readonly Dictionary<EventSource, IEventNormalizer> _bySource;

    /// <summary>Creates the four normalizers.</summary>
    /// <param name="hasher">Keyed hashing shared by all normalizers.</param>
    public EventNormalizers(LinkingHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        All =
        [
            new LoginGovNormalizer(hasher),
            new OnePasswordNormalizer(hasher),
            new EntrustNormalizer(hasher),
            new FusionAuthNormalizer(hasher),
        ];
        _bySource = All.ToDictionary(n => n.Source);
    }

    /// <summary>Every normalizer, one per <see cref="EventSource"/>.</summary>
    public IReadOnlyList<IEventNormalizer> All { get; }

    /// <summary>The normalizer for <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="EventSource"/>.</exception>
    public IEventNormalizer For(EventSource source) =>
        _bySource.TryGetValue(source, out var normalizer)
            ? normalizer
            : throw new ArgumentOutOfRangeException(nameof(source), source, "No normalizer for this source.");
}
