using AuthEvents.Core.Privacy;
using AuthEvents.Store.Journeys;
using AuthEvents.Store.Queries;
using AuthEvents.Store.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthEvents.Store;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite store (<c>ConnectionStrings:AuthEvents</c>, default <c>{Storage:DataDirectory}/authevents.db</c>),
    /// its keys, the payload protector and linking hasher, the inbox, the event store and the read queries.
    /// Configuration is read when the services are first resolved, not here.
    /// </summary>
    public static IServiceCollection AddAuthEventsStore(this IServiceCollection services, string contentRoot)
    {
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => StoreLocation.Resolve(
            sp.GetRequiredService<IOptions<StoreOptions>>().Value,
            sp.GetRequiredService<IConfiguration>().GetConnectionString("AuthEvents"),
            contentRoot,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<StoreLocation>()));
        services.AddDbContextFactory<AuthEventsDbContext>((sp, db) => db
            .UseSqlite(sp.GetRequiredService<StoreLocation>().ConnectionString)
            .AddInterceptors(new SqlitePragmaInterceptor()));

        services.AddSingleton(sp => new GeneratedSecrets(sp.GetRequiredService<StoreLocation>().DataDirectory));
        services.AddSingleton(sp => KeyRing.Load(sp.GetRequiredService<IOptions<StoreOptions>>().Value, sp.GetRequiredService<GeneratedSecrets>()));
        services.AddSingleton(sp => new PayloadProtector(sp.GetRequiredService<KeyRing>().PayloadKey));
        services.AddSingleton(sp => new LinkingHasher(sp.GetRequiredService<KeyRing>().LinkingKey));
        services.AddMetrics();
        services.AddSingleton<StoreMetrics>();
        services.AddSingleton<StoreWriteGate>();
        services.AddSingleton(sp => Audit.AuditChain.FromPayloadKey(sp.GetRequiredService<KeyRing>().PayloadKey));
        services.AddSingleton<Audit.AuditStore>();
        services.AddSingleton<InboxStore>();
        services.AddSingleton<EventStore>();
        services.AddSingleton<EventQueries>();
        services.AddSingleton<AnalyticsQueries>();
        services.AddSingleton<OverviewQueries>();
        services.AddSingleton<FailureQueries>();
        services.AddSingleton<LiveQueries>();
        services.AddJourneyQueries();
        return services;
    }
}
