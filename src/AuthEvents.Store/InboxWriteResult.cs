namespace AuthEvents.Store;

/// <summary>What an inbox write did: new rows, and redeliveries that were already there.</summary>
public readonly record struct InboxWriteResult(int Added, int Duplicates);
