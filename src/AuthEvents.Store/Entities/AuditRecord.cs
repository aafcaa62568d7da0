namespace AuthEvents.Store.Entities;

/// <summary>
/// One entry of the audit trail (table <c>audit</c>): who did what, to what, from where. Append-only; <see cref="Hash"/>
/// chains each row to the one before it, so an edited or deleted row breaks the chain at that point.
/// </summary>
public sealed class AuditRecord
{
    public long Id { get; set; }
    public long AtTicks { get; set; }
    public string Subject { get; set; } = "";
    public string UserName { get; set; } = "";
    public string Roles { get; set; } = "";
    public string Action { get; set; } = "";
    public string Target { get; set; } = "";
    public string Detail { get; set; } = "";
    public string ClientIp { get; set; } = "";
    public string UserAgent { get; set; } = "";

    /// <summary>Lower-case hex HMAC-SHA256 of the previous row's hash and this row's fields (<see cref="Audit.AuditChain"/>).</summary>
    public string Hash { get; set; } = "";
}
