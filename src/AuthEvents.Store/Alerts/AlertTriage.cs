using AuthEvents.Core.Alerts;

namespace AuthEvents.Store.Alerts;

/// <summary>
/// One analyst change of an alert (<see cref="AlertStore.ChangeAsync"/>): a status, the assignee, or a note. Made through
/// the static members, so every value is one of the changes triage allows.
/// </summary>
public sealed record AlertTriage
{
    /// <summary>The most characters a note holds.</summary>
    public const int NoteLength = 2000;

    private AlertTriage(AlertChange change, AlertStatus? toStatus = null, string? assigneeSubject = null, string? assigneeName = null, string? text = null)
    {
        Change = change;
        ToStatus = toStatus;
        AssigneeSubject = assigneeSubject;
        AssigneeName = assigneeName;
        Text = text;
    }

    /// <summary>Open → acknowledged.</summary>
    public static AlertTriage Acknowledge { get; } = new(AlertChange.Acknowledged, AlertStatus.Acknowledged);

    /// <summary>Open or acknowledged → resolved.</summary>
    public static AlertTriage Resolve { get; } = new(AlertChange.Resolved, AlertStatus.Resolved);

    /// <summary>Open or acknowledged → false positive.</summary>
    public static AlertTriage MarkFalsePositive { get; } = new(AlertChange.FalsePositive, AlertStatus.FalsePositive);

    /// <summary>Resolved or false positive → open, while no other alert of the rule and key is open.</summary>
    public static AlertTriage Reopen { get; } = new(AlertChange.Reopened, AlertStatus.Open);

    /// <summary>Nobody is assigned any more.</summary>
    public static AlertTriage Unassign { get; } = new(AlertChange.Assigned);

    /// <summary>The history row's change.</summary>
    public AlertChange Change { get; }

    /// <summary>The status a status change leads to; null for the others.</summary>
    public AlertStatus? ToStatus { get; }

    /// <summary>The new assignee's subject (<c>sub</c>) of an assignment; null for nobody.</summary>
    public string? AssigneeSubject { get; }

    /// <summary>The new assignee's display name.</summary>
    public string? AssigneeName { get; }

    /// <summary>A note's text (at most <see cref="NoteLength"/> characters, shown as text only).</summary>
    public string? Text { get; }

    /// <summary>Assigns the alert to the user <paramref name="subject"/> shown as <paramref name="name"/>.</summary>
    public static AlertTriage AssignTo(string subject, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(name);
        return new AlertTriage(AlertChange.Assigned, assigneeSubject: subject, assigneeName: name);
    }

    /// <summary>Adds a note; <see cref="AlertStore.ChangeAsync"/> refuses an empty one or one over <see cref="NoteLength"/>.</summary>
    public static AlertTriage AddNote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new AlertTriage(AlertChange.Note, text: text);
    }
}
