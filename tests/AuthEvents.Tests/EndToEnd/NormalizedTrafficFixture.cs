using System.Security.Cryptography;
using System.Text;
using AuthEvents.Core.Inbox;
using AuthEvents.Core.Normalization;
using AuthEvents.Core.Privacy;
using AuthEvents.Demo.Simulation;
using AuthEvents.Tests.Simulation;

namespace AuthEvents.Tests.EndToEnd;

/// <summary>
/// The shared two simulated hours (and ten live minutes) of <see cref="SimulatedTrafficFixture"/>, each delivery
/// keyed and normalized by the real normalizer for its source, the way the inbox writer and processor do it.
/// </summary>
public sealed class NormalizedTrafficFixture
{
    public NormalizedTrafficFixture()
    {
        var normalizers = new EventNormalizers(new LinkingHasher(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));
        Deliveries = new SimulatedTrafficFixture().All;
        Results = Deliveries.Select(d =>
        {
            var normalizer = normalizers.For(d.Source);
            var key = normalizer.ReadKey(d.Payload);
            var id = key?.ProviderEventId ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(d.Payload)));
            var record = new RawRecord(d.Source, key?.Tenant ?? "", id, d.Payload, d.OccurredAt.AddMilliseconds(350));
            return new NormalizedDelivery(d, key, normalizer.Normalize(record));
        }).ToArray();
    }

    public IReadOnlyList<SimulatedDelivery> Deliveries { get; }

    public IReadOnlyList<NormalizedDelivery> Results { get; }
}
