using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace AuthEvents.Web.Access;

/// <summary>
/// One authorization policy per role, named after it, each met by that role or any role after it. Pages take them as
/// <c>[Authorize(Policy = AccessPolicies.Analyst)]</c>, endpoints through <c>RequireAuthorization</c>, the hub as an attribute.
/// </summary>
public static class AccessPolicies
{
    public const string Manager = nameof(AccessRole.Manager);
    public const string Analyst = nameof(AccessRole.Analyst);
    public const string Investigator = nameof(AccessRole.Investigator);
    public const string Admin = nameof(AccessRole.Admin);

    /// <summary>The role claims this dashboard reads: added by <see cref="RoleClaimsTransformation"/> (or local mode), never taken from a provider as they come.</summary>
    public const string RoleClaimType = ClaimTypes.Role;

    public static IReadOnlyList<AccessRole> All { get; } = Enum.GetValues<AccessRole>();

    public static void AddAccessPolicies(this AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var role in All)
        {
            options.AddPolicy(role.ToString(), policy => policy.RequireAuthenticatedUser().RequireRole(AtOrAbove(role)));
        }

        // Everything without its own rule (the circuit, unknown addresses) needs a signed-in user; the public ways in
        // (webhooks, liveness, static files, the error and signed-out pages) say AllowAnonymous.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }

    /// <summary>The role names that meet <paramref name="role"/>'s policy.</summary>
    public static IEnumerable<string> AtOrAbove(AccessRole role) => All.Where(r => r >= role).Select(r => r.ToString());

    /// <summary>Whether <paramref name="user"/> may use what <paramref name="role"/> may (the same rule as the policy).</summary>
    public static bool Allows(this ClaimsPrincipal user, AccessRole role)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true && AtOrAbove(role).Any(user.IsInRole);
    }

    /// <summary>The role a policy name stands for, if it is one of these.</summary>
    public static AccessRole? RoleOf(string? policy) => Enum.TryParse<AccessRole>(policy, out var role) && Enum.IsDefined(role) ? role : null;

    /// <summary>The role a page or endpoint needs: the highest among its policies, as all of them must pass.</summary>
    public static AccessRole? RequiredRole(IEnumerable<IAuthorizeData> authorizeData) =>
        authorizeData.Select(a => RoleOf(a.Policy)).Max();

    /// <summary>The role a page component needs, from its <c>[Authorize]</c> attributes.</summary>
    public static AccessRole? RequiredRole(Type pageType) =>
        RequiredRole(Attribute.GetCustomAttributes(pageType, typeof(AuthorizeAttribute), inherit: true).Cast<IAuthorizeData>());

    /// <summary>The user's roles, from least to most.</summary>
    public static IReadOnlyList<AccessRole> RolesOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return [.. All.Where(r => user.IsInRole(r.ToString()))];
    }
}
