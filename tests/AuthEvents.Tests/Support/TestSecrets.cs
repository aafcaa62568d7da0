using AuthEvents.Store;

namespace AuthEvents.Tests.Support;

/// <summary>Generated secrets in a folder of their own, as a fresh installation has them.</summary>
public static class TestSecrets
{
    public static GeneratedSecrets Fresh() =>
        new(Path.Combine(Path.GetTempPath(), "authevents-tests", "secrets-" + Guid.NewGuid().ToString("N")));
}
