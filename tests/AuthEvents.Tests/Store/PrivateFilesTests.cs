using System.Runtime.Versioning;
using AuthEvents.Store;
using AuthEvents.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AuthEvents.Tests.Store;

/// <summary>
/// The data folder, the database and the key files are their owner's alone from creation, and what an older version left
/// open to other local users is narrowed at start-up.
/// </summary>
[Trait(TestKind.Name, TestKind.Unit)]
[UnsupportedOSPlatform("windows")]
public sealed class PrivateFilesTests : IDisposable
{
    private const UnixFileMode OpenFile = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "authevents-tests", "private-" + Guid.NewGuid().ToString("N"));
    private readonly TestLoggerProvider _log = new();

    private string Data => Path.Combine(_root, "data");

    [UnixFact]
    public void CreateFolder_NewPath_OwnerOnly()
    {
        PrivateFiles.CreateFolder(Data);

        Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(Data));
    }

    [UnixFact]
    public void EnsureFolder_FolderOpenToOthers_NarrowedToItsOwnerAndLogged()
    {
        Directory.CreateDirectory(Data);
        File.SetUnixFileMode(Data, PrivateFiles.OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        PrivateFiles.EnsureFolder(Data, _log.CreateFactory().CreateLogger("test"));

        Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(Data));
        Assert.Contains(_log.Entries, e => e.StartsWith("Warning", StringComparison.Ordinal) && e.Contains("(mode 0755); narrowed to its owner (0700)", StringComparison.Ordinal));
    }

    [UnixFact]
    public void EnsureFolder_OwnerOnlyFolder_LeftAsItIsWithoutAWord()
    {
        PrivateFiles.CreateFolder(Data);

        PrivateFiles.EnsureFolder(Data, _log.CreateFactory().CreateLogger("test"));

        Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(Data));
        Assert.Empty(_log.Entries);
    }

    [UnixFact]
    public void WriteAtomically_OverAFileOpenToOthers_OwnerOnlyWithTheNewContentAndNoTemporaryLeft()
    {
        PrivateFiles.CreateFolder(Data);
        var path = Path.Combine(Data, "keys.json");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, OpenFile);

        PrivateFiles.WriteAtomically(path, stream => stream.Write("new"u8));

        Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(path));
        Assert.Equal("new", File.ReadAllText(path));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [UnixFact]
    public void CreateEmptyFile_Missing_EmptyAndOwnerOnly()
    {
        PrivateFiles.CreateFolder(Data);
        var path = Path.Combine(Data, "authevents.db");

        PrivateFiles.CreateEmptyFile(path);

        Assert.Equal(0, new FileInfo(path).Length);
        Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(path));
    }

    [UnixFact]
    public void CreateEmptyFile_Exists_ContentKept()
    {
        PrivateFiles.CreateFolder(Data);
        var path = Path.Combine(Data, "authevents.db");
        File.WriteAllText(path, "data");

        PrivateFiles.CreateEmptyFile(path);

        Assert.Equal("data", File.ReadAllText(path));
    }

    [UnixFact]
    public void NarrowFile_Missing_StaysMissing()
    {
        PrivateFiles.CreateFolder(Data);

        PrivateFiles.NarrowFile(Path.Combine(Data, "absent"), _log.CreateFactory().CreateLogger("test"));

        Assert.False(File.Exists(Path.Combine(Data, "absent")));
        Assert.Empty(_log.Entries);
    }

    [UnixFact]
    public async Task Resolve_FreshDataFolder_FolderDatabaseAndItsWalAndShmOwnerOnly()
    {
        var location = Resolve(null);
        await using var connection = await OpenWalAsync(location.ConnectionString);

        var database = Path.Combine(Data, "authevents.db");
        Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(Data));
        // SQLite gives the files it creates beside the database the database file's own mode.
        Assert.All([database, database + "-wal", database + "-shm"], f => Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(f)));
    }

    [UnixFact]
    public void Resolve_OlderInstallationOpenToOthers_FolderKeysAndDatabaseFilesNarrowed()
    {
        Directory.CreateDirectory(Data);
        File.SetUnixFileMode(Data, PrivateFiles.OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var files = new[] { "keys.json", "authevents.db", "authevents.db-wal", "authevents.db-shm" }.Select(f => Path.Combine(Data, f)).ToList();
        foreach (var file in files)
        {
            File.WriteAllText(file, "x");
            File.SetUnixFileMode(file, OpenFile);
        }

        Resolve(null);

        Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(Data));
        Assert.All(files, f => Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(f)));
        Assert.Equal(5, _log.Entries.Count(e => e.Contains("narrowed to its owner", StringComparison.Ordinal)));
    }

    [UnixFact]
    public void Resolve_ConfiguredDatabaseElsewhere_CreatedOwnerOnlyThere()
    {
        var elsewhere = Path.Combine(_root, "db");
        Directory.CreateDirectory(elsewhere);
        var database = Path.Combine(elsewhere, "events.db");

        Resolve(new SqliteConnectionStringBuilder { DataSource = database }.ToString());

        Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(database));
    }

    [UnixFact]
    public void Resolve_ReadOnlyConnectionToAMissingFile_NotCreated()
    {
        var database = Path.Combine(_root, "missing.db");
        Directory.CreateDirectory(_root);

        Resolve(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly }.ToString());

        Assert.False(File.Exists(database));
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=events;Mode=Memory;Cache=Shared")]
    [InlineData("Data Source=file:events.db?mode=ro")]
    public void DatabaseFile_InMemoryOrUri_None(string connectionString)
    {
        Assert.Null(StoreLocation.DatabaseFile(connectionString));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _log.Dispose();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private StoreLocation Resolve(string? connectionString) =>
        StoreLocation.Resolve(new StoreOptions { DataDirectory = Data }, connectionString, _root, _log.CreateFactory().CreateLogger("test"));

    internal static async Task<SqliteConnection> OpenWalAsync(string connectionString)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);";
        await command.ExecuteNonQueryAsync();
        return connection;
    }
}
