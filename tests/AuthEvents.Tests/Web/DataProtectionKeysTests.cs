using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AuthEvents.Store;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Tests.Web;

/// <summary>
/// The host's files on a fresh data folder: owner-only from creation, data-protection keys encrypted at rest (under the
/// payload key, or a configured certificate), and a payload protected by one host unprotected by the next over the same
/// folder, including one protected with an unencrypted key an older version wrote.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class DataProtectionKeysTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "authevents-host-tests", "shared-" + Guid.NewGuid().ToString("N"));

    private string KeyFolder => Path.Combine(_data, DashboardDataProtectionExtensions.FolderName);

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public async Task FreshDataFolder_FoldersOwnerOnlyAndEveryFileOwnerOnly()
    {
        using var host = Host();
        Protect(host, "hello");
        await using var connection = await OpenStoreAsync(host);

        Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(_data));
        Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(KeyFolder));
        var files = Directory.GetFiles(_data).Concat(Directory.GetFiles(KeyFolder)).ToList();
        Assert.Contains(Path.Combine(_data, GeneratedSecrets.FileName), files);
        Assert.Contains(Path.Combine(_data, "authevents.db-wal"), files);
        Assert.Contains(Path.Combine(_data, "authevents.db-shm"), files);
        Assert.Single(files, f => f.EndsWith(".xml", StringComparison.Ordinal));
        Assert.All(files, f => Assert.Equal((f, PrivateFiles.OwnerOnlyFile), (f, File.GetUnixFileMode(f))));
    }

    [Fact]
    public void KeyFile_PayloadKeyEncryption_NoPlaintextMasterKey()
    {
        using (var host = Host())
        {
            Protect(host, "hello");
        }

        var xml = File.ReadAllText(Assert.Single(Directory.GetFiles(KeyFolder, "*.xml")));
        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        Assert.Contains("<encryptedSecret decryptorType=\"" + typeof(PayloadKeyXmlDecryptor).FullName, xml, StringComparison.Ordinal);
        Assert.Contains("<aesGcmEncryptedKey version=\"1\"", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Protect_OneHost_AFreshHostOverTheSameFolderUnprotects()
    {
        string token;
        using (var first = Host())
        {
            token = Protect(first, "cookie contents");
        }

        using var second = Host();

        Assert.Equal("cookie contents", Protector(second).Unprotect(token));
    }

    [Fact]
    public void Protect_CertificateConfigured_KeyEncryptedToItAndAFreshHostUnprotects()
    {
        Directory.CreateDirectory(_data);
        var pfx = Path.Combine(_data, "dp.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=AuthEvents data protection test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pkcs12, "pfx-password"));
        }

        var settings = new Dictionary<string, string?> { ["DataProtection:Certificate:Path"] = pfx, ["DataProtection:Certificate:Password"] = "pfx-password" };
        string token;
        using (var first = Host(settings))
        {
            token = Protect(first, "cookie contents");
        }

        using var second = Host(settings);

        Assert.Equal("cookie contents", Protector(second).Unprotect(token));
        var xml = File.ReadAllText(Assert.Single(Directory.GetFiles(KeyFolder, "*.xml")));
        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        Assert.Contains("EncryptedXmlDecryptor", xml, StringComparison.Ordinal);
        Assert.Contains("<X509Certificate>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_CertificateFileMissing_FailsNamingTheSetting()
    {
        using var host = Host(new Dictionary<string, string?> { ["DataProtection:Certificate:Path"] = Path.Combine(_data, "absent.pfx") });

        var error = Assert.Throws<InvalidOperationException>(() => host.Services);

        Assert.StartsWith("DataProtection:Certificate:Path: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unprotect_KeyAnOlderVersionWroteUnencrypted_StillReadSoCookiesStayValid()
    {
        // What the dashboard did before its keys were encrypted: the same folder and application name, no encryptor.
        var older = DataProtectionProvider.Create(new DirectoryInfo(KeyFolder), b => b.SetApplicationName("AuthEvents.Dashboard"));
        var token = older.CreateProtector(Purpose).Protect("cookie contents");
        Assert.Contains("<masterKey", File.ReadAllText(Assert.Single(Directory.GetFiles(KeyFolder, "*.xml"))), StringComparison.Ordinal);

        using var host = Host();

        Assert.Equal("cookie contents", Protector(host).Unprotect(token));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private const string Purpose = "data-protection-keys-test";

    private TestHost Host(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? []) { ["Demo:Enabled"] = "false", ["Storage:DataDirectory"] = _data };
        return new TestHost(all);
    }

    private static IDataProtector Protector(TestHost host) => host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    private static string Protect(TestHost host, string text) => Protector(host).Protect(text);

    private static async Task<SqliteConnection> OpenStoreAsync(TestHost host)
    {
        // A connection held open keeps the WAL's -wal and -shm files in place while the test looks at them.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(host.Services.GetRequiredService<AuthEvents.Store.StoreLocation>().ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM events";
        await command.ExecuteScalarAsync();
        return connection;
    }
}
