namespace AuthEvents.Core.Alerts;

/// <summary>A meaningful change in an alert's history: what notifications and the detail view's history are made of.</summary>
public enum AlertChange
{
    /// <summary>A rule raised the alert.</summary>
    Opened = 1,

    /// <summary>An analyst acknowledged it.</summary>
    Acknowledged = 2,

    /// <summary>An analyst resolved it.</summary>
    Resolved = 3,

    /// <summary>An analyst marked it a false positive.</summary>
    FalsePositive = 4,

    /// <summary>An analyst reopened it.</summary>
    Reopened = 5,

    /// <summary>The assignee changed.</summary>
    Assigned = 6,

    /// <summary>An analyst added a note.</summary>
    Note = 7,

    /// <summary>New evidence raised its severity.</summary>
    Escalated = 8,

    /// <summary>The rule itself resolved it (a silent source delivers again).</summary>
    AutoResolved = 9,
}
