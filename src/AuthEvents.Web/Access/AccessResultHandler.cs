using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Components.Endpoints;

namespace AuthEvents.Web.Access;

/// <summary>
/// How a refusal reads. A page: a visitor who is not signed in goes to sign-in; a signed-in user who lacks the role gets
/// the page's own 403, which names the role (the router's <c>NotAuthorized</c> view). Everything else (the API, the hub,
/// health): 401 or 403 problem+json, never a redirect a program cannot follow.
/// </summary>
public sealed class AccessResultHandler(ILogger<AccessResultHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Succeeded)
        {
            await next(context);
            return;
        }

        var endpoint = context.GetEndpoint();
        var page = endpoint is null || endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
        var required = RequiredRole(endpoint);
        if (authorizeResult.Forbidden)
        {
            AccessLog.Denied(logger, context.Request.Path, required?.ToString() ?? "signed-in user");
        }

        if (!page && authorizeResult.Forbidden)
        {
            // A page's denial is recorded by the page it shows (AccessDenied), once, wherever the user was sent there from.
            await context.RequestServices.GetRequiredService<Audit.AuditLog>().RecordAsync(
                context, Store.Audit.AuditActions.AccessDenied, context.Request.Path, "needs " + (required?.ToString() ?? "a role"), context.RequestAborted);
        }

        if (page && authorizeResult.Forbidden && context.Request.Method is "GET" or "HEAD")
        {
            // The page renders its 403 itself: the router checks the same policy and shows what is missing.
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await next(context);
            return;
        }

        if (page)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (authorizeResult.Forbidden)
        {
            await Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Forbidden",
                detail: required is { } role ? $"This needs the {role} role." : "Your roles do not allow this.").ExecuteAsync(context);
            return;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: "Sign in, or send an access token from the dashboard's OpenID provider (Authorization: Bearer).").ExecuteAsync(context);
    }

    private static AccessRole? RequiredRole(Endpoint? endpoint) =>
        endpoint is null ? null : AccessPolicies.RequiredRole(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>());
}
