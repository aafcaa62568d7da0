namespace AuthEvents.Core.Inbox;

/// <summary>The inbox's dedupe key within one source: tenant or audience, and the provider's event id.</summary>
public readonly record struct InboxKey(string Tenant, string ProviderEventId);
