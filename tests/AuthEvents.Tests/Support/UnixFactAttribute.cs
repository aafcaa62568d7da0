namespace AuthEvents.Tests.Support;

/// <summary>A test of Unix file modes: skipped on Windows, where the data folder's ACL protects these files instead.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix file modes do not exist on Windows; there the files inherit the data folder's ACL, which this test does not read.";
        }
    }
}
