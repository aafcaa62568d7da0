using AuthEvents.Core.Normalization;
using AuthEvents.Core.Privacy;
using AuthEvents.Ingest.Feed;
using AuthEvents.Ingest.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>The pipeline from inbox to store: normalizers, the inbox writer, the background processor and the feed.</summary>
    public static IServiceCollection AddAuthEventsIngest(this IServiceCollection services)
    {
        services.AddSingleton<IEventNormalizer>(sp => new LoginGovNormalizer(sp.GetRequiredService<LinkingHasher>()));
        services.AddSingleton<IEventNormalizer>(sp => new OnePasswordNormalizer(sp.GetRequiredService<LinkingHasher>()));
        services.AddSingleton<IEventNormalizer>(sp => new EntrustNormalizer(sp.GetRequiredService<LinkingHasher>()));
        services.AddSingleton<IEventNormalizer>(sp => new FusionAuthNormalizer(sp.GetRequiredService<LinkingHasher>()));
        services.AddSingleton<EventFeed>();
        services.AddSingleton<InboxSignal>();
        services.AddSingleton<InboxWriter>();
        services.AddSingleton<InboxProcessor>();
        services.AddSingleton<QuarantineReplayer>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxProcessor>());
        return services;
    }
}
