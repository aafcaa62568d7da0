namespace AuthEvents.Tests.EndToEnd;

/// <summary>Row counts of the store after one pass of the end-to-end pipeline.</summary>
public sealed record PipelineCounts(int Events, int NonDemoEvents, int Quarantine, int Inbox, int Pending, int Normalized);
