using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using AuthEvents.Store.Audit;
using AuthEvents.Web.Audit;
using Microsoft.Extensions.Options;

namespace AuthEvents.Web.Access;

/// <summary>Sign-in and sign-out. The provider's callbacks are ASP.NET Core's defaults, <c>/signin-oidc</c> and <c>/signout-callback-oidc</c>.</summary>
public static class AccountEndpoints
{
    public const string SignInPath = "/account/signin";
    public const string SignOutPath = "/account/signout";
    public const string SignedOutPath = "/signed-out";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SignInPath, (string? returnUrl, IOptions<AccessOptions> access) =>
            access.Value.IsLocalMode
                ? Results.LocalRedirect(LocalOnly(returnUrl))
                : Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]))
            .AllowAnonymous();

        // A POST with the antiforgery token: a link or an image on another site cannot sign the analyst out.
        // The antiforgery middleware only records its verdict; an endpoint that binds no form must read it itself.
        endpoints.MapPost(SignOutPath, async (HttpContext context, IOptions<AccessOptions> access, AuditLog audit, CancellationToken cancellationToken) =>
        {
            if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-out refused", detail: "The form's antiforgery token is missing or invalid. Sign out from the dashboard's own page.");
            }

            if (access.Value.IsLocalMode)
            {
                return Results.LocalRedirect("/");
            }

            if (context.User.Identity?.IsAuthenticated == true)
            {
                await audit.RecordAsync(context, AuditActions.SignOut, "", "", cancellationToken);
            }

            return Results.SignOut(
                new AuthenticationProperties { RedirectUri = SignedOutPath },
                [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
        })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AllowAnonymous();
        return endpoints;
    }

    // Only a path of this dashboard: an open redirect through sign-in would lend the dashboard's name to a phishing link.
    private static string LocalOnly(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
