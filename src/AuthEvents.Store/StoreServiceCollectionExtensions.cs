using AuthEvents.Core.Privacy;
using AuthEvents.Store.Journeys;
using AuthEvents.Store.Queries;
using AuthEvents.Store.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

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
        services.AddOptions<StoreProviderOptions>().BindConfiguration(StoreProviderOptions.SectionName);
        services.AddSingleton(sp => StoreLocation.Resolve(
            sp.GetRequiredService<IOptions<StoreOptions>>().Value,
            sp.GetRequiredService<IOptions<StoreProviderOptions>>().Value.Provider,
            sp.GetRequiredService<IConfiguration>().GetConnectionString("AuthEvents"),
            contentRoot,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<StoreLocation>()));
        // One pool of PostgreSQL connections for EF Core and for what goes around it (notifications, COPY).
        services.AddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<StoreLocation>().ConnectionString));
        services.AddDbContextFactory<AuthEventsDbContext>((sp, db) => UseStore(db, sp.GetRequiredService<StoreLocation>(), sp));

        services.AddSingleton(sp => GeneratedSecrets.For(sp.GetRequiredService<StoreLocation>()));
        services.AddSingleton(sp => KeyRing.Load(sp.GetRequiredService<IOptions<StoreOptions>>().Value, sp.GetRequiredService<GeneratedSecrets>()));
        services.AddSingleton(sp => new PayloadProtector(sp.GetRequiredService<KeyRing>().PayloadKey));
        services.AddSingleton(sp => new LinkingHasher(sp.GetRequiredService<KeyRing>().LinkingKey));
        services.AddMetrics();
        services.AddSingleton<StoreMetrics>();
        services.AddSingleton<StoreWriteGate>();
        services.AddSingleton(sp => Audit.AuditChain.FromPayloadKey(sp.GetRequiredService<KeyRing>().PayloadKey));
        services.AddSingleton<Audit.AuditStore>();
        services.AddSingleton(sp => new Leases.NodeIdentity(sp.GetRequiredService<IConfiguration>()[Leases.NodeIdentity.ConfigurationKey]));
        services.AddSingleton<Leases.SourceLeases>();
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

    /// <summary>The provider the location names, with its own migrations (EF Core keeps one migration set per provider).</summary>
    public static DbContextOptionsBuilder UseStore(DbContextOptionsBuilder db, StoreLocation location, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(location);
        return location.Provider switch
        {
            StoreProvider.PostgreSql => services?.GetService<NpgsqlDataSource>() is { } dataSource
                ? db.UseNpgsql(dataSource, PostgreSql)
                : db.UseNpgsql(location.ConnectionString, PostgreSql),
            _ => db.UseSqlite(location.ConnectionString).AddInterceptors(new SqlitePragmaInterceptor()),
        };

        static void PostgreSql(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
            npgsql.MigrationsAssembly(StoreLocation.PostgreSqlMigrationsAssembly);
    }
}
