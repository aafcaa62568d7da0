using System.Runtime.Versioning;
using AuthEvents.Store;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Tests.Web;

/// <summary>
/// The host started with a umask of 000 (nothing taken away): every folder and file it creates is still owner-only,
/// because each is created with its mode rather than narrowed afterwards. The umask is process-wide: this runs alone.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
[Collection(ProcessWideTests.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class HostFilesUmaskTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "authevents-host-tests", "umask-" + Guid.NewGuid().ToString("N"));

    [UnixFact]
    public async Task Umask000_HostStartsAndWritesAKey_EveryFolderAndFileOwnerOnly()
    {
        List<string> files;
        using (new Umask(0))
        {
            using var host = new TestHost(new Dictionary<string, string?> { ["Demo:Enabled"] = "false", ["Storage:DataDirectory"] = _data });
            host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("umask-test").Protect("hello");
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(host.Services.GetRequiredService<StoreLocation>().ConnectionString) { Pooling = false }.ToString());
            await connection.OpenAsync();

            var keys = Path.Combine(_data, DashboardDataProtectionExtensions.FolderName);
            files = Directory.GetFiles(_data).Concat(Directory.GetFiles(keys)).ToList();
            Assert.Equal((_data, PrivateFiles.OwnerOnlyFolder), (_data, File.GetUnixFileMode(_data)));
            Assert.Equal((keys, PrivateFiles.OwnerOnlyFolder), (keys, File.GetUnixFileMode(keys)));
            Assert.All(files, f => Assert.Equal((f, PrivateFiles.OwnerOnlyFile), (f, File.GetUnixFileMode(f))));
        }

        Assert.Contains(files, f => f.EndsWith(GeneratedSecrets.FileName, StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("authevents.db-wal", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".xml", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
