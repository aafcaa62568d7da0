using System.Collections.Frozen;
using AuthEvents.Core.Events;

namespace AuthEvents.Ingest.Pipeline;

/// <summary>
/// The sources whose traffic comes from the built-in simulator rather than a real provider (demo mode). Their records
/// are marked as demo data by the inbox itself, whichever transport delivered them, and their settings are supplied
/// by the simulator (Login.gov's private key, for one, lives only in memory).
/// </summary>
public sealed class SimulatedSources(IEnumerable<EventSource> sources)
{
    private readonly FrozenSet<EventSource> _sources = sources.ToFrozenSet();

    /// <summary>No simulated source: every record is real.</summary>
    public static SimulatedSources None { get; } = new([]);

    public IReadOnlySet<EventSource> All => _sources;

    public bool Contains(EventSource source) => _sources.Contains(source);
}
