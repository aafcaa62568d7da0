namespace AuthEvents.Tests.Support;

/// <summary>
/// Tests that read something every host in the test process feeds, such as the metrics a MeterListener collects from
/// every meter of one name: they run alone, after the parallel tests, so no other host's figures mix into theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideTests
{
    public const string Name = "process-wide";
}
