namespace AuthEvents.Store.Queries;

/// <summary>The store's health figures for <c>/healthz</c> and the sources page.</summary>
public sealed record StoreStatus(bool Reachable, long Events, long InboxPending, long QuarantineOpen, DateTimeOffset? NewestOccurredAt, string? Error);
