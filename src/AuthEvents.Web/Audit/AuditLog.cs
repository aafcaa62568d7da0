using System.Security.Claims;
using AuthEvents.Store.Audit;
using AuthEvents.Web.Access;

namespace AuthEvents.Web.Audit;

/// <summary>
/// Records what a user did in the audit trail, with who they are (subject, name, roles) and where from. A failed write
/// is logged and does not fail what the user did: the chain stays intact either way, and the log says what is missing.
/// </summary>
public sealed partial class AuditLog(AuditStore store, ILogger<AuditLog> logger)
{
    public Task RecordAsync(HttpContext context, string action, string target, string detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RecordAsync(context.User, AuditClient.From(context), action, target, detail, cancellationToken);
    }

    public async Task RecordAsync(ClaimsPrincipal user, AuditClient client, string action, string target, string detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            await store.AppendAsync(new AuditEntry(SubjectOf(user), user.Identity?.Name ?? "", RolesText(user), action, target, detail, client.Ip, client.UserAgent), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotRecorded(logger, ex, action);
        }
    }

    /// <summary>The user's stable id: the provider's <c>sub</c>, else the name identifier.</summary>
    public static string SubjectOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "";
    }

    public static string RolesText(ClaimsPrincipal user) => string.Join(",", AccessPolicies.RolesOf(user));

    [LoggerMessage(Level = LogLevel.Error, Message = "An audit entry ({Action}) could not be written")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string action);
}
