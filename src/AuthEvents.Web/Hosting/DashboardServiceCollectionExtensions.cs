using AuthEvents.Ingest;
using AuthEvents.Store;
using Radzen;

namespace AuthEvents.Web.Hosting;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>Everything the dashboard host needs: components, the store, the ingest pipeline and demo traffic.</summary>
    public static IServiceCollection AddAuthEventsDashboard(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new AssetUrls(Path.Combine(AppContext.BaseDirectory, "web-assets")));
        services.AddSingleton<DemoMode>();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);
        services.AddAuthEventsStore(contentRoot);
        services.AddAuthEventsIngest();
        services.AddHostedService<DemoTrafficService>();
        return services;
    }
}
