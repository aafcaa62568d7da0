using AuthEvents.Store.Audit;
using AuthEvents.Web.Access;
using Microsoft.AspNetCore.Authentication;

namespace AuthEvents.Web.Audit;

/// <summary>The sign-in's audit entries: the sign-in with the roles it gave, and a role change since the user's last sign-in.</summary>
public static class SignInAudit
{
    public static async Task OnTicketReceivedAsync(TicketReceivedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal is not { } principal)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var user = await services.GetRequiredService<IClaimsTransformation>().TransformAsync(principal);
        var audit = services.GetRequiredService<AuditLog>();
        var store = services.GetRequiredService<AuditStore>();
        var client = AuditClient.From(context.HttpContext);
        var cancellationToken = context.HttpContext.RequestAborted;
        var roles = AuditLog.RolesText(user);
        var last = await store.LatestAsync(AuditLog.SubjectOf(user), AuditActions.SignIn, cancellationToken);
        if (last is not null && last.Roles != roles)
        {
            await audit.RecordAsync(user, client, AuditActions.RolesChanged, AuditLog.SubjectOf(user), $"{Text(last.Roles)} → {Text(roles)}", cancellationToken);
        }

        await audit.RecordAsync(user, client, AuditActions.SignIn, "", roles.Length == 0 ? "no role on this dashboard" : "", cancellationToken);
    }

    private static string Text(string roles) => roles.Length == 0 ? "(none)" : roles;
}
