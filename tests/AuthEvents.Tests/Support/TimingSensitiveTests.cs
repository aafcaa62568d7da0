namespace AuthEvents.Tests.Support;

/// <summary>
/// Tests that let a real background loop run against a fake clock, or stop it at real-time points: they run one at a
/// time, not beside the rest of the suite, so a loaded two-core machine cannot starve the loop they watch.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveTests
{
    public const string Name = "timing-sensitive";
}
