namespace AuthEvents.Store.Queries;

/// <summary>What event counts can be grouped by (columns of <c>event_rollups</c>).</summary>
internal enum EventDim
{
    Source,
    EventType,
    Milestone,
    Outcome,
    Country,
    Authenticator,
}
