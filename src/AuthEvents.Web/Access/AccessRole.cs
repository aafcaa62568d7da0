namespace AuthEvents.Web.Access;

/// <summary>The dashboard's roles, in order: each may use everything the ones before it may.</summary>
public enum AccessRole
{
    /// <summary>Overview, failures and funnel figures.</summary>
    Manager = 1,

    /// <summary>Also /live, event detail, drop-off lists, export and the hub.</summary>
    Analyst = 2,

    /// <summary>Also the person and session pages and their pivots.</summary>
    Investigator = 3,

    /// <summary>Also /sources, quarantine replay and the audit trail.</summary>
    Admin = 4,
}
