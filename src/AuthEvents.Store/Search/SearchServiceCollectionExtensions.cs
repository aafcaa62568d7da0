using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Store.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>Indexes for free text, in the background while the host serves, the events stored before the index.</summary>
    public static IServiceCollection AddSearchIndexBuilder(this IServiceCollection services)
    {
        services.AddHostedService<SearchIndexBuilder>();
        return services;
    }
}
