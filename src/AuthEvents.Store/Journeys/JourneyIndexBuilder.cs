using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Store.Journeys;

/// <summary>
/// Rebuilds the journey index in the background after start-up found it out of date (<see cref="JourneyIndex.PrepareAsync"/>),
/// so a large store upgrades while the dashboard serves instead of before it answers. Small chunks, each a turn at the
/// store's write gate (and on PostgreSQL at every node's commit lock, so several nodes take the chunks in turn):
/// webhooks and imports keep being stored in between.
/// </summary>
public sealed class JourneyIndexBuilder(
    IDbContextFactory<AuthEventsDbContext> contexts, StoreWriteGate gate, TimeProvider time, ILogger<JourneyIndexBuilder> logger) : ChunkedIndexBuilder(time, logger)
{
    /// <summary>Events per chunk: well under a second of the write gate on a small machine with the batched writer.</summary>
    internal const int Chunk = 2_000;

    protected override string IndexName => "Journey index";

    protected override string PartialUntilDone => "funnels, people and sessions are partial";

    protected override async Task<(long Indexed, long Total)> ProgressAsync(CancellationToken cancellationToken)
    {
        var progress = await JourneyIndex.ProgressAsync(contexts, cancellationToken).ConfigureAwait(false);
        return (progress.Indexed, progress.Total);
    }

    protected override async Task<(long Indexed, long Total)> NextChunkAsync(CancellationToken cancellationToken)
    {
        var progress = await JourneyIndex.RebuildNextAsync(contexts, gate, Chunk, cancellationToken).ConfigureAwait(false);
        return (progress.Indexed, progress.Total);
    }
}
