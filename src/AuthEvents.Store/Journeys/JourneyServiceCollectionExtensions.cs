using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AuthEvents.Store.Journeys;

public static class JourneyServiceCollectionExtensions
{
    /// <summary>The journey read queries: funnels, people and sessions. The index itself is written by the event store.</summary>
    public static IServiceCollection AddJourneyQueries(this IServiceCollection services)
    {
        services.AddSingleton<JourneyQueries>();
        services.AddSingleton<PersonJourneyQueries>();
        services.AddSingleton<SessionJourneyQueries>();
        return services;
    }

    /// <summary>Rebuilds an out-of-date journey index in the background while the host serves.</summary>
    public static IServiceCollection AddJourneyIndexBuilder(this IServiceCollection services)
    {
        services.AddHostedService<JourneyIndexBuilder>();
        return services;
    }
}
