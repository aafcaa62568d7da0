using AuthEvents.Core.Events;
using AuthEvents.Store.Alerts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuthEvents.Alerts;

/// <summary>Registers the alert engine.</summary>
public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the rules read from <c>Alerts</c> (checked at start), the engine, triage (<see cref="AlertStore"/>), the queries,
    /// and the evaluator and scheduler when <c>Alerts:Enabled</c> is on. Every node must carry the same <c>Alerts</c> settings.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration (its <c>Alerts</c> and <c>Sources</c> sections).</param>
    /// <param name="sources">
    /// The delivering sources with whether each is simulated (the host's demo mode); by default those with
    /// <c>Sources:&lt;Source&gt;:Enabled</c>.
    /// </param>
    public static IServiceCollection AddAuthEventsAlerts(this IServiceCollection services, IConfiguration configuration, Func<IReadOnlyDictionary<EventSource, bool>>? sources = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        sources ??= () => Enum.GetValues<EventSource>().Where(s => configuration.GetValue<bool>($"Sources:{s}:Enabled")).ToDictionary(s => s, _ => false);
        services.AddSingleton(new AlertSources(sources));
        var section = configuration.GetSection(AlertsOptions.SectionName);
        services.AddOptions<AlertsOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertsOptions>>(new AlertsOptionsValidator(section));
        services.AddSingleton(_ => AlertRuleSet.From(section));
        services.AddSingleton(sp => sp.GetRequiredService<AlertRuleSet>().PersonFlags);
        services.AddOptions<AlertNotifyOptions>().Bind(configuration.GetSection(AlertNotifyOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertNotifyOptions>>(new NotifyValidator());
        services.AddHttpClient(AlertNotifier.HttpClientName).AddResilienceHandler("alerts", pipeline => AlertNotifier.ConfigureResilience(pipeline));
        services.AddSingleton<AlertNotifier>();
        services.AddSingleton(sp => new AlertEngine(
            sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Store.AuthEventsDbContext>>(),
            sp.GetRequiredService<Store.StoreWriteGate>(),
            sp.GetRequiredService<TimeProvider>(),
            Writer(sp)));
        services.AddSingleton(sp => new AlertSchedule(
            sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Store.AuthEventsDbContext>>(),
            sp.GetRequiredService<Store.StoreWriteGate>(),
            sp.GetRequiredService<TimeProvider>(),
            Writer(sp),
            sp.GetRequiredService<Store.Audit.AuditStore>()));
        services.AddSingleton<AlertQueries>();
        services.AddSingleton<AlertEvaluator>();
        services.AddSingleton<AlertScheduler>();
        // Triage: analysts' changes, audited in the same transaction.
        services.AddSingleton(sp => new AlertStore(
            sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Store.AuthEventsDbContext>>(),
            sp.GetRequiredService<Store.StoreWriteGate>(),
            sp.GetRequiredService<Store.Audit.AuditStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<AlertNotifyOptions>>().Value.Policy));
        if (section.GetValue(nameof(AlertsOptions.Enabled), true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<AlertEvaluator>());
            services.AddHostedService(sp => sp.GetRequiredService<AlertScheduler>());
            services.AddHostedService(sp => sp.GetRequiredService<AlertNotifier>());
        }

        return services;
    }

    /// <summary>The writer's options with the notification policy: what a change enqueues.</summary>
    private static AlertWriterOptions Writer(IServiceProvider sp) =>
        sp.GetRequiredService<IOptions<AlertsOptions>>().Value.Writer with { Notify = sp.GetRequiredService<IOptions<AlertNotifyOptions>>().Value.Policy };

    private sealed class NotifyValidator : IValidateOptions<AlertNotifyOptions>
    {
        public ValidateOptionsResult Validate(string? name, AlertNotifyOptions options) =>
            options.Errors().ToList() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }

    private sealed class AlertsOptionsValidator(IConfiguration section) : IValidateOptions<AlertsOptions>
    {
        public ValidateOptionsResult Validate(string? name, AlertsOptions options)
        {
            var errors = AlertRuleSet.From(section).Errors.ToList();
            if (options.EvidencePerAlert is < 1 or > 100_000)
            {
                errors.Add("Alerts:EvidencePerAlert must be between 1 and 100000.");
            }

            if (options.FalsePositiveQuiet < TimeSpan.Zero)
            {
                errors.Add("Alerts:FalsePositiveQuiet must not be negative.");
            }

            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
