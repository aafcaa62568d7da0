using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using AuthEvents.Demo.Simulation;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Hosting;
using Microsoft.AspNetCore.Builder;

namespace AuthEvents.Tests.Web;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class HostTests : IDisposable
{
    private readonly TestHost _quiet = new(new Dictionary<string, string?> { ["Demo:Enabled"] = "false" });

    [Fact]
    public async Task Healthz_DemoOff_ReportsStoreOkAndEverySourceDisabled()
    {
        using var client = _quiet.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("ok", root.GetProperty("status").GetString());
        Assert.False(root.GetProperty("demo").GetBoolean());
        Assert.Equal("ok", root.GetProperty("store").GetProperty("state").GetString());
        Assert.Equal(0, root.GetProperty("store").GetProperty("events").GetInt64());
        var sources = root.GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(["LoginGov", "OnePassword", "Entrust", "FusionAuth"], sources.Select(s => s.GetProperty("source").GetString()));
        Assert.All(sources, s => Assert.Equal("disabled", s.GetProperty("mode").GetString()));
    }

    [Theory]
    [InlineData("/", "Overview")]
    [InlineData("/live", "Live traffic")]
    [InlineData("/failures", "Failure reasons")]
    [InlineData("/journeys", "Journeys")]
    [InlineData("/journeys/catalog", "Journey catalog")]
    [InlineData("/people", "People")]
    [InlineData("/people/email%3Aabc", "Person")]
    [InlineData("/sessions", "Sessions")]
    [InlineData("/sessions/s-1", "Session")]
    [InlineData("/sources", "Sources")]
    [InlineData("/audit", "Audit trail")]
    public async Task Page_Requested_RendersItsHeadingInTheLayout(string path, string heading)
    {
        using var client = _quiet.CreateClient();

        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));

        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(heading, document.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(document.QuerySelector("#components-reconnect-modal"));
        Assert.Equal(["Overview", "Live", "Alerts", "Failures", "Journeys", "People", "Sessions", "Sources", "Audit"],
            document.QuerySelectorAll("[data-testid^=nav-]").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task SourcesPage_QuarantineFilter_NamesTheSourceAndShowsPositions()
    {
        using var client = _quiet.CreateClient();

        var html = await client.GetStringAsync(new Uri("/sources?quarantine=LoginGov", UriKind.Relative));

        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal("Quarantine (0 open from Login.gov)", document.QuerySelector("[data-testid=quarantine-title]")?.TextContent.Trim());
        Assert.Equal(4, document.QuerySelectorAll("[data-testid=source-grid] tbody tr").Length);
        Assert.Contains("Events, last hour", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Layout_DemoOff_ShowsNoDemoLabel()
    {
        using var client = _quiet.CreateClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.DoesNotContain("DEMO DATA", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Layout_DemoOn_LabelsDemoData()
    {
        using var demo = new TestHost(new Dictionary<string, string?> { ["Demo:Enabled"] = "true", ["Demo:Backfill"] = "00:00:10" });
        using var client = demo.CreateClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("DEMO DATA", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task BlazorScript_RequestedInProduction_TheSdksNet10ScriptWithItsBody(string? encoding)
    {
        using var client = _quiet.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/_framework/blazor.web.js", UriKind.Relative));
        if (encoding is not null)
        {
            request.Headers.AcceptEncoding.ParseAdd(encoding);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var script = await ReadDecodedAsync(response);
        Assert.True(script.Length > 50_000, $"blazor.web.js has {script.Length} characters");
        // The .NET 10 client raises this event for the reconnect UI; the 9.x script had no such name.
        Assert.Contains("components-reconnect-state-changed", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlazorScript_FingerprintedUrlInThePage_ServedWithItsBody()
    {
        using var client = _quiet.CreateClient();
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        var src = new HtmlParser().ParseDocument(html).QuerySelectorAll("script").Select(s => s.GetAttribute("src"))
            .Single(s => s!.Contains("blazor.web", StringComparison.Ordinal))!;
        Assert.Matches(@"^_framework/blazor\.web\.[a-z0-9]+\.js$", src);

        using var response = await client.GetAsync(new Uri("/" + src, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("components-reconnect-state-changed", await ReadDecodedAsync(response), StringComparison.Ordinal);
    }

    private static async Task<string> ReadDecodedAsync(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            "gzip" => new System.IO.Compression.GZipStream(body, System.IO.Compression.CompressionMode.Decompress),
            "br" => new System.IO.Compression.BrotliStream(body, System.IO.Compression.CompressionMode.Decompress),
            null => body,
            var other => throw new InvalidOperationException($"unexpected encoding {other}"),
        };
        using var reader = new StreamReader(decoded);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task AppAssets_VersionedUrl_CachedImmutably()
    {
        using var client = _quiet.CreateClient();
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        var script = new HtmlParser().ParseDocument(html).QuerySelectorAll("script").Select(s => s.GetAttribute("src")).Single(s => s!.StartsWith("/assets/app.js?v=", StringComparison.Ordinal));

        using var response = await client.GetAsync(new Uri(script!, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("authEvents", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyResponse_CarriesSecurityHeaders()
    {
        using var client = _quiet.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public void ListenAddress_NothingConfigured_LoopbackDefault()
    {
        var builder = WebApplication.CreateBuilder([]);

        builder.UseDefaultListenAddress();

        Assert.Equal(ListenAddress.Default, builder.WebHost.GetSetting("urls"));
    }

    [Fact]
    public void ListenAddress_UrlsArgument_Wins()
    {
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:5999"]);

        builder.UseDefaultListenAddress();

        Assert.Equal("http://127.0.0.1:5999", builder.WebHost.GetSetting("urls"));
    }

    public void Dispose() => _quiet.Dispose();
}
