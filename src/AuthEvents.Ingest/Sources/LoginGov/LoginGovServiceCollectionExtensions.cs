using AuthEvents.Core.LoginGov;
using AuthEvents.Ingest.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuthEvents.Ingest.Sources.LoginGov;

public static class LoginGovServiceCollectionExtensions
{
    /// <summary>
    /// When <c>Sources:LoginGov:Enabled</c>: the poll importer (one per process), the private keys, the SET decoder
    /// for the inbox processor and the optional signing-key refresh. Otherwise nothing.
    /// </summary>
    public static IServiceCollection AddLoginGovImporter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!configuration.GetValue<bool>($"{LoginGovSourceOptions.SectionName}:Enabled"))
        {
            return services;
        }

        services.AddSingleton(sp => LoginGovKeyRing.FromPem(
            (sp.GetRequiredService<IOptions<LoginGovSourceOptions>>().Value.PrivateKeyPath ?? "")
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(File.ReadAllText)));
        return services.AddLoginGovImporterServices();
    }

    /// <summary>
    /// The importer, SET decoder and signing-key refresh, for a caller that has registered the <see cref="LoginGovKeyRing"/>
    /// and made sure the options say <c>Enabled</c> (the built-in simulator, whose key lives only in memory).
    /// </summary>
    public static IServiceCollection AddLoginGovImporterServices(this IServiceCollection services)
    {
        services.AddSingleton<LoginGovSetDecoderProvider>();
        services.AddSingleton<IPayloadDecoder>(sp => new LoginGovPayloadDecoder(
            () => sp.GetRequiredService<LoginGovSetDecoderProvider>().Decoder,
            sp.GetRequiredService<LoginGovSigningKeysRefresher>().RefreshForUnknownKeyAsync));
        services.AddHttpClient(LoginGovSigningKeysRefresher.HttpClientName);
        // The resilience pipeline times each attempt out on the injected clock, so HttpClient's own timeout is off.
        services.AddHttpClient<LoginGovPollClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddSourceResilience(sp => sp.GetRequiredService<IOptions<LoginGovSourceOptions>>().Value.RequestTimeout);
        services.AddSingleton<LoginGovImporter>();
        services.AddSingleton<LoginGovSigningKeysRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<LoginGovSigningKeysRefresher>());
        services.AddHostedService(sp => sp.GetRequiredService<LoginGovImporter>());
        return services;
    }
}
