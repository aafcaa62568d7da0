using AuthEvents.Core.Events;

namespace AuthEvents.Store;

/// <summary>What one pipeline commit stored: the events that are new (duplicates are skipped) and how many were quarantined.</summary>
public sealed record CommitResult(IReadOnlyList<AuthEvent> NewEvents, int Duplicates, int Quarantined);
