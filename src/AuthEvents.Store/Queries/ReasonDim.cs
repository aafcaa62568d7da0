namespace AuthEvents.Store.Queries;

/// <summary>What failure-reason counts can be grouped by (columns of <c>reason_rollups</c>).</summary>
internal enum ReasonDim
{
    Source,
    EventType,
    Field,
    Code,
    Canonical,
}
