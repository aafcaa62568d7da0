using AuthEvents.Core.Events;
using AuthEvents.Demo.LoginGov;
using AuthEvents.Demo.OnePassword;
using AuthEvents.Ingest;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Ingest.Sources;
using AuthEvents.Ingest.Sources.Entrust;
using AuthEvents.Ingest.Sources.FusionAuth;
using AuthEvents.Ingest.Sources.LoginGov;
using AuthEvents.Ingest.Sources.OnePassword;
using Microsoft.Extensions.Options;

namespace AuthEvents.Demo.Hosting;

public static class DemoServiceCollectionExtensions
{
    private static readonly TimeSpan DemoPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Demo mode through the real transports: for every source <paramref name="demo"/> simulates, the simulated provider
    /// and the dashboard's own importer or receiver, configured with credentials generated at this start. Call it before
    /// the other sources and the pipeline are added: the simulated providers' listener must start before any importer.
    /// </summary>
    public static IServiceCollection AddAuthEventsDemo(this IServiceCollection services, DemoMode demo)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var simulated = new SimulatedSources(Enum.GetValues<EventSource>().Where(s => demo.ModeOf(s) == "demo"));
        services.AddSingleton(simulated);
        if (simulated.All.Count == 0)
        {
            return services;
        }

        services.AddSingleton<DemoCredentials>();
        services.AddSingleton<DemoNetwork>();
        services.AddSingleton<DemoLoginGovProvider>();
        services.AddSingleton<DemoOnePasswordProvider>();
        services.AddSingleton<DemoProviderHost>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoProviderHost>());
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(sp => new DemoNetworkHandler(sp.GetRequiredService<DemoNetwork>())));

        if (simulated.Contains(EventSource.LoginGov))
        {
            services.AddOptions<LoginGovSourceOptions>().PostConfigure<DemoCredentials>((options, credentials) =>
            {
                options.Enabled = true;
                options.BaseUrl = DemoNetwork.LoginGovBaseUrl;
                options.Issuer = DemoCredentials.LoginGovIssuer;
                options.Token = credentials.LoginGovToken;
                options.SigningKeysUrl = new Uri(DemoNetwork.LoginGovBaseUrl, "api/attempts-certs");
                options.PollInterval = DemoPollInterval;
                options.MaxEvents = 1000;
            });
            services.AddSingleton(sp => sp.GetRequiredService<DemoCredentials>().CreateLoginGovKeyRing());
            services.AddLoginGovImporterServices();
        }

        if (simulated.Contains(EventSource.OnePassword))
        {
            services.AddOptions<OnePasswordSourceOptions>().PostConfigure<DemoCredentials, IOptions<DemoOptions>, TimeProvider>((options, credentials, demoOptions, time) =>
            {
                options.Enabled = true;
                options.BaseUrl = DemoNetwork.OnePasswordBaseUrl;
                options.Token = credentials.OnePasswordToken;
                // The first run reads the whole simulated history.
                options.StartTime = time.GetUtcNow() - demoOptions.Value.Backfill - TimeSpan.FromMinutes(1);
                options.PollInterval = DemoPollInterval;
            });
            services.AddOnePasswordImporterServices();
        }

        if (simulated.Contains(EventSource.Entrust))
        {
            services.AddOptions<EntrustSourceOptions>().PostConfigure<DemoCredentials>((options, credentials) =>
            {
                options.Enabled = true;
                options.WebhookToken = credentials.EntrustWebhookToken;
                options.CallbackUrl = DemoWebhookSender.EntrustCallbackUrl;
            });
        }

        if (simulated.Contains(EventSource.FusionAuth))
        {
            services.AddOptions<FusionAuthSourceOptions>().PostConfigure<DemoCredentials>((options, credentials) =>
            {
                options.Enabled = true;
                options.SigningSecret = credentials.FusionAuthSigningSecret;
            });
        }

        services.AddHttpClient(DemoWebhookSender.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<DemoWebhookSender>();
        services.AddHostedService<DemoTrafficService>();
        return services;
    }
}
