using AuthEvents.Store.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AuthEvents.Web.Hosting;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The OTLP endpoint setting that turns exporting on (the OpenTelemetry standard's own variable).</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// The product's metrics and traces, with ASP.NET Core, HttpClient and runtime instrumentation, exported over OTLP
    /// when <see cref="OtlpEndpointSetting"/> is set. Without it nothing listens: the instruments are there, but no
    /// measurement is aggregated and no span recorded, so a dashboard that exports nothing pays nothing for it.
    /// </summary>
    public static IServiceCollection AddAuthEventsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("authevents-dashboard"))
            .WithMetrics(metrics => metrics
                .AddMeter(AuthEventsTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(AuthEventsTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();
        return services;
    }
}
