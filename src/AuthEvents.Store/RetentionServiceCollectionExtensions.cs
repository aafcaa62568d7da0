using AuthEvents.Store.Retention;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuthEvents.Store;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>
    /// Retention (section <c>Retention</c>, validated on start): a background service that deletes events older than
    /// <c>Retention:Events</c>, and what derives from them, every <c>Retention:Interval</c>. Off when <c>Retention:Events</c> is not set.
    /// </summary>
    public static IServiceCollection AddAuthEventsRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddSingleton<RetentionPurger>();
        services.AddSingleton<RetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        // Storage:KeepPayloadsFor, at the same interval.
        services.AddSingleton<PayloadExpiry>();
        services.AddHostedService<PayloadExpiryService>();
        return services;
    }
}
