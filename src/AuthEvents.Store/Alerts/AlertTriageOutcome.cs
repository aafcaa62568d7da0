namespace AuthEvents.Store.Alerts;

/// <summary>What became of a triage change.</summary>
public enum AlertTriageOutcome
{
    /// <summary>Made, with its history and audit rows.</summary>
    Changed = 1,

    /// <summary>No alert has that id (retention may have removed it).</summary>
    NotFound = 2,

    /// <summary>Someone else changed the alert since the version the analyst saw; nothing was written.</summary>
    Stale = 3,

    /// <summary>Not a change the alert's status allows (acknowledging a resolved alert), or no change at all.</summary>
    NotAllowed = 4,

    /// <summary>Reopening refused: another alert of the same rule and key is open or acknowledged.</summary>
    ReopenBlocked = 5,

    /// <summary>The change itself is not acceptable (an empty note, or one too long).</summary>
    Invalid = 6,
}
