using AuthEvents.Alerts;
using AuthEvents.Demo.Hosting;
using AuthEvents.Ingest;
using AuthEvents.Ingest.Sources;
using AuthEvents.Ingest.Sources.FusionAuth;
using AuthEvents.Ingest.Sources.LoginGov;
using AuthEvents.Store;
using AuthEvents.Store.Journeys;
using AuthEvents.Store.Search;
using AuthEvents.Web.Access;
using AuthEvents.Web.Endpoints;
using AuthEvents.Web.Health;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace AuthEvents.Web.Hosting;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>Everything the dashboard host needs: components, the store, demo mode, the ingest pipeline and the sources.</summary>
    public static IServiceCollection AddAuthEventsDashboard(this IServiceCollection services, string contentRoot, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddTransportSecurity(configuration);
        services.AddAuthEventsAccessControl(configuration);
        services.AddAuthEventsRateLimits(configuration);
        services.AddSingleton<AuthEvents.Web.Audit.AuditLog>();
        // Secure over HTTPS (direct or through a known proxy); Strict, as nothing but the dashboard's own forms posts it.
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddMudServices();
        services.AddSingleton<AuthEvents.Web.Components.Layout.ThemeStylesheet>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new AssetUrls(Path.Combine(AppContext.BaseDirectory, "web-assets")));
        var demo = new DemoMode(configuration);
        services.AddSingleton(demo);
        services.AddScoped<AuthEvents.Web.Navigation.ViewerClock>();
        // One feed subscription per pace for all pages, and the reads that pages at the same tick share.
        services.AddSingleton<AuthEvents.Web.Navigation.FeedTicks>();
        services.AddSingleton<AuthEvents.Web.Navigation.SharedReads>();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);
        services.AddAuthEventsStore(contentRoot);
        services.AddDashboardDataProtection(contentRoot, configuration);
        if (demo.IsEnabled)
        {
            // Before the pipeline and the configured sources: the simulated providers must listen before any importer polls.
            services.AddAuthEventsDemo(demo);
        }

        services.AddAuthEventsIngest();
        services.AddAuthEventsAlerts(configuration, () => Enum.GetValues<AuthEvents.Core.Events.EventSource>()
            .Where(s => demo.ModeOf(s) != "disabled").ToDictionary(s => s, s => demo.ModeOf(s) == "demo"));
        services.AddLoginGovImporter(configuration);
        services.AddOnePasswordImporter(configuration);
        services.AddAuthEventsTelemetry(configuration);
        services.AddAuthEventsHealthChecks();
        services.AddSignalR();
        services.AddSingleton<AuthEvents.Web.Hubs.HubSubscriptions>();
        services.AddHostedService<AuthEvents.Web.Hubs.EventHubBroadcaster>();
        services.AddSingleton<AuthEvents.Web.Hubs.HubAlertSubscriptions>();
        services.AddSingleton<AuthEvents.Web.Hubs.AlertHubBroadcaster>();
        services.AddHostedService(sp => sp.GetRequiredService<AuthEvents.Web.Hubs.AlertHubBroadcaster>());
        services.AddJourneyIndexBuilder();
        services.AddSearchIndexBuilder();
        services.AddAuthEventsRetention();
        services.AddSingleton<WebhookInboxWriter>();
        services.AddSingleton(sp => new FusionAuthWebhookChecks(sp.GetRequiredService<IOptions<FusionAuthSourceOptions>>().Value, sp.GetRequiredService<FusionAuthJwksCache>()));
        return services;
    }
}
