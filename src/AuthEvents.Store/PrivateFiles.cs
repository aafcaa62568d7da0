using Microsoft.Extensions.Logging;

namespace AuthEvents.Store;

/// <summary>
/// Folders and files only their owner may read: the data folder, the SQLite database, generated keys and data-protection
/// keys. On Unix they are created with owner-only modes from the start (the mode is given to mkdir and open, so there is
/// no moment when another local user could open them, and a lax umask cannot widen it); a folder or file found readable by
/// others is narrowed to its owner and the change logged. On Windows files inherit the folder's ACL and nothing is changed.
/// </summary>
public static partial class PrivateFiles
{
    /// <summary>Owner read, write and search (0700).</summary>
    public const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Owner read and write (0600).</summary>
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OthersMode =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> (and missing parents) owner-only; an existing folder is left as it is.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, OwnerOnlyFolder);
        }
    }

    /// <summary>
    /// Creates <paramref name="path"/> owner-only, or narrows an existing folder that others may enter or read. Narrowing
    /// rather than warning: the folder holds keys and personal data, and a warning nobody reads leaves them readable.
    /// </summary>
    public static void EnsureFolder(string path, ILogger logger)
    {
        CreateFolder(path);
        Narrow(path, OwnerOnlyFolder, logger);
    }

    /// <summary>Narrows an existing file that others may read to owner read and write; a missing file is left missing.</summary>
    public static void NarrowFile(string path, ILogger logger)
    {
        if (File.Exists(path))
        {
            Narrow(path, OwnerOnlyFile, logger);
        }
    }

    /// <summary>
    /// Creates <paramref name="path"/> empty and owner-only unless it exists (say, so that SQLite opens it rather than
    /// creating it with its own default of 0644). Another process creating it first is not an error.
    /// </summary>
    public static void CreateEmptyFile(string path)
    {
        try
        {
            using var _ = new FileStream(path, CreateNewOwnerOnly());
        }
        catch (IOException) when (File.Exists(path))
        {
        }
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with what <paramref name="write"/> writes: into a new owner-only file beside it,
    /// flushed to disk, then renamed over it, so a reader sees the old file or the whole new one, never a part, and the
    /// file is never readable by others, not even between its creation and a chmod.
    /// </summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var temporary = path + ".tmp";
        File.Delete(temporary);
        using (var stream = new FileStream(temporary, CreateNewOwnerOnly()))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static FileStreamOptions CreateNewOwnerOnly()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        return options;
    }

    private static void Narrow(string path, UnixFileMode allowed, ILogger logger)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & OthersMode) == 0)
        {
            return;
        }

        var narrowed = mode & allowed;
        try
        {
            File.SetUnixFileMode(path, narrowed);
            LogNarrowed(logger, path, Octal(mode), Octal(narrowed));
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            LogNotNarrowed(logger, path, Octal(mode), ex.GetType().Name);
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} was open to other local users (mode {Before}); narrowed to its owner ({After})")]
    private static partial void LogNarrowed(ILogger logger, string path, string before, string after);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} is open to other local users (mode {Mode}) and could not be narrowed ({Error}); restrict it by hand")]
    private static partial void LogNotNarrowed(ILogger logger, string path, string mode, string error);
}
