using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Store.Search;

/// <summary>
/// Indexes for free text, in the background, the events stored before the index existed or before its document rules
/// changed (<see cref="SearchIndex.PrepareAsync"/> at start-up marks them), so a large store upgrades while the dashboard
/// serves: free text finds what is indexed so far and every new event meanwhile. Chunks of
/// <see cref="SearchIndex.BackfillBatch"/> events, each a turn at the store's write gate.
/// </summary>
public sealed class SearchIndexBuilder(
    IDbContextFactory<AuthEventsDbContext> contexts, StoreWriteGate gate, TimeProvider time, ILogger<SearchIndexBuilder> logger) : ChunkedIndexBuilder(time, logger)
{
    protected override string IndexName => "Search index";

    protected override string PartialUntilDone => "free text finds only the events indexed so far";

    protected override async Task<(long Indexed, long Total)> ProgressAsync(CancellationToken cancellationToken)
    {
        var progress = await SearchIndex.ProgressAsync(contexts, cancellationToken).ConfigureAwait(false);
        return (progress.Indexed, progress.Total);
    }

    protected override async Task<(long Indexed, long Total)> NextChunkAsync(CancellationToken cancellationToken)
    {
        var progress = await SearchIndex.BackfillNextAsync(contexts, gate, SearchIndex.BackfillBatch, cancellationToken).ConfigureAwait(false);
        return (progress.Indexed, progress.Total);
    }
}
