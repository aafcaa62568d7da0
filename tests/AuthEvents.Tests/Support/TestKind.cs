namespace AuthEvents.Tests.Support;

/// <summary>
/// The kinds a test is tagged with (<c>[Trait(TestKind.Name, TestKind.Unit)]</c>), so that one kind runs alone:
/// <c>dotnet test --filter Kind=Unit</c>. Unit: in-process, no database file, socket or host. Integration: a SQLite
/// store, a web host or a loopback server. Browser: Chromium against a running dashboard.
/// </summary>
public static class TestKind
{
    public const string Name = "Kind";
    public const string Unit = "Unit";
    public const string Integration = "Integration";
    public const string Browser = "Browser";
}
