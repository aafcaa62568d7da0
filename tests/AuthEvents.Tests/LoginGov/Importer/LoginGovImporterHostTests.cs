using System.Net.Http.Json;
using System.Text.Json;
using AuthEvents.Core.LoginGov;
using AuthEvents.Demo.LoginGov;
using AuthEvents.Ingest.Feed;
using AuthEvents.Ingest.Sources.LoginGov;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Tests.LoginGov.Importer;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class LoginGovImporterHostTests
{
    [Fact]
    public async Task Host_LoginGovEnabled_PollsDecryptsVerifiesAndStoresSignedAndUnsignedSets()
    {
        await using var server = await TestLoginGovServer.StartAsync();
        using var signingKey = TestLoginGovKeys.Ec(TestLoginGovKeys.EcA);
        var signer = new Es256JwsSigner(signingKey);
        server.Jwks = signer.ExportJwks();
        using var rsa = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);
        var encryptor = new SetEncryptor(rsa);
        var iss = LoginGovSetDecoderProvider.NormalizeIssuer(server.BaseUrl);
        for (var i = 0; i < 30; i++)
        {
            var set = TestSets.Set($"host-{i:D2}", iss: iss);
            server.Add($"host-{i:D2}", encryptor.Encrypt(i % 2 == 0 ? signer.Sign(set) : set));
        }

        var keyFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(keyFile, TestLoginGovKeys.RsaB + "\n");
        var keyFileA = Path.GetTempFileName();
        await File.WriteAllTextAsync(keyFileA, TestLoginGovKeys.RsaA);
        try
        {
            await using var host = new TestHost(new Dictionary<string, string?>
            {
                ["Sources:LoginGov:Enabled"] = "true",
                ["Sources:LoginGov:BaseUrl"] = server.BaseUrl.ToString(),
                ["Sources:LoginGov:Issuer"] = TestLoginGovServer.Issuer,
                ["Sources:LoginGov:Token"] = TestLoginGovServer.Token,
                ["Sources:LoginGov:PrivateKeyPath"] = keyFile + ";" + keyFileA,
                ["Sources:LoginGov:SigningKeysUrl"] = new Uri(server.BaseUrl, "/api/attempts-certs").ToString(),
                ["Sources:LoginGov:PollInterval"] = "00:00:00.200",
                ["Sources:LoginGov:MaxEvents"] = "7",
            });
            using var client = host.CreateClient();
            var queries = host.Services.GetRequiredService<EventQueries>();
            using var changes = new Changes().Watch(host.Services.GetRequiredService<EventFeed>());
            server.Answered += changes.Signal;
            await changes.UntilAsync(async () => (await queries.GetStatusAsync(CancellationToken.None)).Events >= 30 && server.Remaining == 0,
                "all 30 SETs stored and acknowledged");

            var status = await queries.GetStatusAsync(CancellationToken.None);
            Assert.Equal(0, status.QuarantineOpen);
            using var health = await client.GetFromJsonAsync<JsonDocument>("/healthz");
            var source = health!.RootElement.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "LoginGov");
            Assert.Equal("live", source.GetProperty("mode").GetString());
            Assert.Equal("ok", source.GetProperty("status").GetString());
            Assert.False(health.RootElement.GetProperty("demo").GetBoolean());
        }
        finally
        {
            File.Delete(keyFile);
            File.Delete(keyFileA);
        }
    }

    [Fact]
    public async Task Host_LoginGovDisabled_RegistersNoImporter()
    {
        await using var host = new TestHost(new Dictionary<string, string?> { ["Demo:Enabled"] = "false" });
        using var client = host.CreateClient();

        Assert.Null(host.Services.GetService<LoginGovImporter>());
    }
}
