using System.Net;
using AuthEvents.Core.Events;
using AuthEvents.Ingest.Feed;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Normalization;
using AuthEvents.Tests.OnePassword;
using AuthEvents.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AuthEvents.Tests.Web;

/// <summary>
/// The product's metrics, read through the OpenTelemetry SDK's in-memory exporter as an OTLP backend would get them. The
/// SDK listens to every meter of the name in the process, so these run apart from the other hosts.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
[Collection(ProcessWideTests.Name)]
public sealed class TelemetryTests
{
    private static readonly string OnePasswordItem = FixtureFiles.Read(EventSource.OnePassword, "docs-elastic-sample");

    [Fact]
    public async Task Metrics_WebhooksAndAPollArrive_EveryNamedMetricExported()
    {
        await using var onePassword = await TestOnePasswordServer.StartAsync();
        onePassword.Add([TestOnePasswordServer.ItemFrom(OnePasswordItem, 0, DateTimeOffset.UtcNow.AddMinutes(-1))]);
        var settings = TestWebhooks.Settings;
        // Nothing listens there: the OTLP exporter's failures are its own, and the in-memory exporter gets the metrics too.
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9";
        settings["Sources:OnePassword:Enabled"] = "true";
        settings["Sources:OnePassword:Token"] = onePassword.Token;
        settings["Sources:OnePassword:BaseUrl"] = onePassword.BaseUrl.AbsoluteUri;
        var exported = new List<MetricSnapshot>();
        using var host = new TestHost(settings, services => services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(exported)));
        using var client = host.CreateClient();
        using var changes = new Changes().Watch(host.Services.GetRequiredService<EventFeed>());

        using var stored = await client.SendAsync(TestWebhooks.EntrustRequest(TestWebhooks.EntrustBody("019adb89-7777-750e-90a3-e860c924aa29")));
        // Signed and well-formed JSON, but not an Entrust event: accepted, then quarantined by the normalizer.
        using var quarantined = await client.SendAsync(TestWebhooks.EntrustRequest("""{"id":"019adb89-8888-750e-90a3-e860c924aa29"}"""));
        using var refused = await client.SendAsync(TestWebhooks.EntrustRequest(TestWebhooks.EntrustBody("019adb89-9999-750e-90a3-e860c924aa29"), "not-the-token"));
        var queries = host.Services.GetRequiredService<EventQueries>();
        await changes.UntilAsync(async () =>
        {
            var status = await queries.GetStatusAsync(CancellationToken.None);
            return status.Events >= 2 && status.QuarantineOpen >= 1;
        }, "the Entrust event and the 1Password item stored, the bad Entrust body quarantined");
        // False here: the OTLP export to nowhere fails; the in-memory exporter has its copy either way.
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized], new[] { stored.StatusCode, quarantined.StatusCode, refused.StatusCode });
        var names = exported.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(StringComparer.Ordinal)
        {
            "authevents.events.received", "authevents.events.stored", "authevents.events.quarantined", "authevents.webhook.duration",
            "authevents.importer.poll.duration", "authevents.importer.lag", "authevents.inbox.backlog", "authevents.store.write_gate.wait",
            "authevents.live.subscribers", "http.server.request.duration", "http.client.request.duration",
        }, names);
        Assert.Contains(names, n => n.StartsWith("dotnet.", StringComparison.Ordinal));
        Assert.Equal(2, Sum(exported, "authevents.events.received", "source", "Entrust"));
        Assert.Equal(1, Sum(exported, "authevents.events.received", "source", "OnePassword"));
        Assert.Equal(1, Sum(exported, "authevents.events.quarantined", "source", "Entrust"));
        Assert.Equal(2, Count(exported, "authevents.webhook.duration", "http.response.status_code", 200));
        Assert.Equal(1, Count(exported, "authevents.webhook.duration", "http.response.status_code", 401));
    }

    [Fact]
    public async Task Traces_OtlpEndpointSet_RequestsAndPollsRecorded()
    {
        await using var onePassword = await TestOnePasswordServer.StartAsync();
        var spans = new List<System.Diagnostics.Activity>();
        using var host = new TestHost(new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "false",
            // Nothing listens there: the exporter's failures are its own, and the in-memory exporter gets the spans too.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
            ["Sources:OnePassword:Enabled"] = "true",
            ["Sources:OnePassword:Token"] = onePassword.Token,
            ["Sources:OnePassword:BaseUrl"] = onePassword.BaseUrl.AbsoluteUri,
            ["Sources:OnePassword:PollInterval"] = "00:00:01",
        }, services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        using var client = host.CreateClient();
        using var answered = new Changes();
        onePassword.Answered += answered.Signal;

        using var health = await client.GetAsync(new Uri("/healthz/live", UriKind.Relative));
        await answered.UntilAsync(() => Task.FromResult(onePassword.Requests > 0), "a 1Password poll");
        var tracer = host.Services.GetRequiredService<TracerProvider>();
        await answered.UntilAsync(() => Task.FromResult(tracer.ForceFlush() is var _ && spans.Any(s => s.OperationName == "poll")), "the poll's span");

        Assert.Contains(spans, s => s.Kind == System.Diagnostics.ActivityKind.Server && s.DisplayName.Contains("/healthz/live", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.OperationName == "poll" && (string?)s.GetTagItem("authevents.source") == "OnePassword");
    }

    [Fact]
    public void Telemetry_NoOtlpEndpoint_NothingListens()
    {
        using var host = new TestHost(new Dictionary<string, string?> { ["Demo:Enabled"] = "false" });
        using var client = host.CreateClient();

        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.Null(host.Services.GetService<MeterProvider>());
    }

    private static long Sum(List<MetricSnapshot> metrics, string name, string tag, object value) =>
        Points(metrics, name, tag, value).Sum(p => p.GetSumLong());

    private static long Count(List<MetricSnapshot> metrics, string name, string tag, object value) =>
        Points(metrics, name, tag, value).Sum(p => p.GetHistogramCount());

    // The last export of the metric: points are cumulative, so it holds everything recorded so far.
    private static List<MetricPoint> Points(List<MetricSnapshot> metrics, string name, string tag, object value)
    {
        var points = new List<MetricPoint>();
        foreach (var point in metrics.Last(m => m.Name == name).MetricPoints)
        {
            foreach (var pair in point.Tags)
            {
                if (pair.Key == tag && Equals(pair.Value, value))
                {
                    points.Add(point);
                }
            }
        }

        return points;
    }
}
