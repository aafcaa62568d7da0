namespace AuthEvents.Store.Entities;

/// <summary>Where an inbox record stands in the pipeline.</summary>
public enum InboxState
{
    Pending = 0,
    Normalized = 1,
    Quarantined = 2,
}
