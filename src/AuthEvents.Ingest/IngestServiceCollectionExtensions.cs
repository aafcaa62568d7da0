using AuthEvents.Core.Entrust;
using AuthEvents.Core.FusionAuth;
using AuthEvents.Core.LoginGov;
using AuthEvents.Core.Normalization;
using AuthEvents.Core.OnePassword;
using AuthEvents.Core.Privacy;
using AuthEvents.Ingest.Feed;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Ingest.Sources;
using AuthEvents.Ingest.Sources.Entrust;
using AuthEvents.Ingest.Sources.FusionAuth;
using AuthEvents.Ingest.Sources.LoginGov;
using AuthEvents.Ingest.Sources.OnePassword;
using AuthEvents.Ingest.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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
        services.TryAddSingleton(SimulatedSources.None);
        services.AddSingleton<SourceOptionsValidator>();
        AddSourceOptions<LoginGovSourceOptions>(services, LoginGovSourceOptions.SectionName);
        AddSourceOptions<OnePasswordSourceOptions>(services, OnePasswordSourceOptions.SectionName);
        AddSourceOptions<EntrustSourceOptions>(services, EntrustSourceOptions.SectionName);
        AddSourceOptions<FusionAuthSourceOptions>(services, FusionAuthSourceOptions.SectionName);
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName);
        services.AddHttpClient(FusionAuthJwksCache.HttpClientName);
        services.AddSingleton<FusionAuthJwksCache>();
        services.AddHostedService(sp => sp.GetRequiredService<FusionAuthJwksCache>());
        services.AddMetrics();
        services.AddSingleton<IngestMetrics>();
        services.AddSingleton<EventFeed>();
        services.AddSingleton<InboxSignal>();
        services.AddSingleton<InboxWriter>();
        services.AddSingleton<InboxProcessor>();
        services.AddSingleton<QuarantineReplayer>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxProcessor>());
        services.AddSingleton<PostgresFeedRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<PostgresFeedRelay>());
        return services;
    }

    /// <summary>
    /// The 1Password sign-in attempts importer and its typed HttpClient, registered only when
    /// <c>Sources:OnePassword:Enabled</c> is true (its options are validated on start either way).
    /// </summary>
    public static IServiceCollection AddOnePasswordImporter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!configuration.GetValue<bool>($"{OnePasswordSourceOptions.SectionName}:Enabled"))
        {
            return services;
        }

        return services.AddOnePasswordImporterServices();
    }

    /// <summary>The importer and its HttpClient, for a caller that has made sure the options say <c>Enabled</c> (the built-in simulator).</summary>
    public static IServiceCollection AddOnePasswordImporterServices(this IServiceCollection services)
    {
        // The resilience pipeline times each attempt out on the injected clock, so HttpClient's own timeout is off.
        services.AddHttpClient(OnePasswordClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddSourceResilience(sp => sp.GetRequiredService<IOptions<OnePasswordSourceOptions>>().Value.RequestTimeout, OnePasswordClient.UntilNextMinute);
        services.AddSingleton<OnePasswordClient>();
        services.AddSingleton<OnePasswordImporter>();
        services.AddHostedService(sp => sp.GetRequiredService<OnePasswordImporter>());
        return services;
    }

    private static void AddSourceOptions<TOptions>(IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton(sp => (IValidateOptions<TOptions>)(object)sp.GetRequiredService<SourceOptionsValidator>());
    }
}
