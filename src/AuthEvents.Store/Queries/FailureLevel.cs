namespace AuthEvents.Store.Queries;

/// <summary>What a node of a failure breakdown stands for.</summary>
public enum FailureLevel
{
    Source,
    EventType,
    Field,
    Code,
    Canonical,
}
