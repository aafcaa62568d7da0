namespace AuthEvents.Store.Audit;

/// <summary>The actions the audit trail records.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignOut = "sign-out";
    public const string RolesChanged = "roles-changed";
    public const string AccessDenied = "access-denied";
    public const string PersonOpened = "person-opened";
    public const string SessionOpened = "session-opened";
    public const string Export = "export";
    public const string HubSubscribed = "hub-subscribed";
    public const string QuarantineReplay = "quarantine-replay";
    public const string AuditExport = "audit-export";
    public const string Retention = "retention";

    /// <summary>An alert's status changed by an analyst (or by its rule, as user <c>system</c>); target <c>alert:42</c>.</summary>
    public const string AlertStatusChanged = "alert-status";

    /// <summary>An alert's assignee changed; target <c>alert:42</c>.</summary>
    public const string AlertAssigned = "alert-assigned";

    /// <summary>A note added to an alert; the detail holds its length, never its text.</summary>
    public const string AlertNote = "alert-note";

    /// <summary>Alerts exported through the API.</summary>
    public const string AlertExport = "alert-export";

    public static IReadOnlyList<string> All { get; } =
        [SignIn, SignOut, RolesChanged, AccessDenied, PersonOpened, SessionOpened, Export, HubSubscribed, QuarantineReplay, AuditExport, Retention,
         AlertStatusChanged, AlertAssigned, AlertNote, AlertExport];
}
