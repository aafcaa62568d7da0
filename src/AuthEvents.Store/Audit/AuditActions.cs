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

    public static IReadOnlyList<string> All { get; } =
        [SignIn, SignOut, RolesChanged, AccessDenied, PersonOpened, SessionOpened, Export, HubSubscribed, QuarantineReplay, AuditExport, Retention];
}
