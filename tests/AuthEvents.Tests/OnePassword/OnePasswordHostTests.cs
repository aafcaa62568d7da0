using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Ingest.Feed;
using AuthEvents.Ingest.Sources.OnePassword;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Normalization;
using AuthEvents.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AuthEvents.Tests.OnePassword;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class OnePasswordHostTests
{
    private static readonly string Template = FixtureFiles.Read(EventSource.OnePassword, "docs-elastic-sample");

    [Fact]
    public async Task Host_OnePasswordEnabled_ImportsIntoTheStoreAndReportsHealthWithoutTheToken()
    {
        await using var server = await TestOnePasswordServer.StartAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        server.Add(Enumerable.Range(0, 5).Select(n => TestOnePasswordServer.ItemFrom(Template, n, start.AddSeconds(n))));
        using var host = new TestHost(new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "false",
            ["Sources:OnePassword:Enabled"] = "true",
            ["Sources:OnePassword:Token"] = server.Token,
            ["Sources:OnePassword:BaseUrl"] = server.BaseUrl.AbsoluteUri,
            ["Sources:OnePassword:PollInterval"] = "00:00:00.200",
        });
        using var client = host.CreateClient();

        using var changes = new Changes().Watch(host.Services.GetRequiredService<EventFeed>());
        JsonElement source = default;
        await changes.UntilAsync(async () =>
        {
            using var health = JsonDocument.Parse(await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
            source = health.RootElement.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "OnePassword").Clone();
            return source.GetProperty("eventsReceived").GetInt64() >= 5 && (await host.Services.GetRequiredService<EventQueries>().GetStatusAsync(CancellationToken.None)).Events >= 5;
        }, "the five items imported and stored");

        Assert.Equal("live", source.GetProperty("mode").GetString());
        Assert.Equal("ok", source.GetProperty("status").GetString());
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => s is OnePasswordImporter);
        var tokenBytes = System.Text.Encoding.UTF8.GetBytes(server.Token);
        Assert.All(Directory.EnumerateFiles(host.DataDirectory, "*", SearchOption.AllDirectories),
            file => Assert.Equal(-1, ReadShared(file).AsSpan().IndexOf(tokenBytes)));
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public void Host_OnePasswordDisabled_NoImporterRegistered()
    {
        using var host = new TestHost(new Dictionary<string, string?> { ["Demo:Enabled"] = "false" });

        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s is OnePasswordImporter);
    }
}
