using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace AuthEvents.Tests.Support;

/// <summary>
/// Sets the process's umask until disposed. The umask is process-wide: only tests in <see cref="ProcessWideTests"/>, which
/// run alone, may use it.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class Umask : IDisposable
{
    private readonly uint _previous;

    public Umask(uint mask) => _previous = SetUmask(mask);

    public void Dispose() => _ = SetUmask(_previous);

    // DllImport rather than LibraryImport: a blittable call, and the test project allows no unsafe code.
    [DllImport("libc", EntryPoint = "umask")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint SetUmask(uint mask);
}
