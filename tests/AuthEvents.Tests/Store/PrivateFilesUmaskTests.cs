using System.Runtime.Versioning;
using AuthEvents.Store;
using AuthEvents.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Tests.Store;

/// <summary>
/// With a umask of 000 (nothing taken away), what the store creates is still owner-only: the mode is given at creation,
/// never left to the umask or set by a chmod afterwards. The umask is process-wide, so these tests run alone.
/// </summary>
[Trait(TestKind.Name, TestKind.Unit)]
[Collection(ProcessWideTests.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class PrivateFilesUmaskTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "authevents-tests", "umask-" + Guid.NewGuid().ToString("N"));

    private string Data => Path.Combine(_root, "data");

    [UnixFact]
    public void Umask000_FolderAndAtomicallyWrittenFile_OwnerOnlyAtCreation()
    {
        using (new Umask(0))
        {
            PrivateFiles.CreateFolder(Data);
            PrivateFiles.WriteAtomically(Path.Combine(Data, "keys.json"), stream => stream.Write("{}"u8));
        }

        Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(Data));
        Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(Data, "keys.json")));
    }

    [UnixFact]
    public async Task Umask000_DatabaseSqliteCreatesItself_ReadableByEveryone()
    {
        // Why the store creates the file first: SQLite's own default is 0644, so any umask but 077 leaves it readable.
        Directory.CreateDirectory(_root);
        var database = Path.Combine(_root, "own.db");
        using (new Umask(0))
        {
            await using var connection = await PrivateFilesTests.OpenWalAsync(new SqliteConnectionStringBuilder { DataSource = database }.ToString());
        }

        Assert.True((File.GetUnixFileMode(database) & UnixFileMode.OtherRead) != 0);
    }

    [UnixFact]
    public async Task Umask000_ResolvedStoreWithWal_DatabaseWalAndShmOwnerOnly()
    {
        var database = Path.Combine(Data, "authevents.db");
        using var log = new TestLoggerProvider();
        using (new Umask(0))
        {
            var location = StoreLocation.Resolve(new StoreOptions { DataDirectory = Data }, null, _root, log.CreateFactory().CreateLogger("test"));
            await using var connection = await PrivateFilesTests.OpenWalAsync(location.ConnectionString);

            Assert.All([database, database + "-wal", database + "-shm"], f => Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(f)));
        }

        Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(Data));
        // Nothing was created open and narrowed afterwards: narrowing would have said so.
        Assert.Empty(log.Entries);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
