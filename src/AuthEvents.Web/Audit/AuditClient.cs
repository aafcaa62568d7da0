namespace AuthEvents.Web.Audit;

/// <summary>
/// Where a user's requests come from, as the audit trail records it. Taken from the page request and handed to the
/// circuit with the interactive root's parameters, since a circuit's own calls carry no request.
/// </summary>
public sealed record AuditClient(string Ip, string UserAgent)
{
    public static readonly AuditClient Unknown = new("", "");

    public static AuditClient From(HttpContext? context) =>
        context is null ? Unknown : new(context.Connection.RemoteIpAddress?.ToString() ?? "", context.Request.Headers.UserAgent.ToString());
}
