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

    /// <summary>The role claims this dashboard reads, on the identities it made itself (<see cref="RoleClaimsTransformation"/>, local mode) only.</summary>
    public const string RoleClaimType = ClaimTypes.Role;

    // The identities whose role claims count: a provider's own claims never do, whatever they are called.
    private static readonly string[] RoleIssuers = [RoleClaimsTransformation.IdentityType, LocalModeAuthenticationHandler.SchemeName];

    public static IReadOnlyList<AccessRole> All { get; } = Enum.GetValues<AccessRole>();

    public static void AddAccessPolicies(this AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var role in All)
        {
            options.AddPolicy(role.ToString(), policy => policy.RequireAuthenticatedUser().RequireAssertion(context => context.User.Allows(role)));
        }

        // Everything without its own rule (the circuit, unknown addresses) needs a signed-in user; the public ways in
        // (webhooks, liveness, static files, the error and signed-out pages) say AllowAnonymous.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }

    /// <summary>Whether <paramref name="user"/> may use what <paramref name="role"/> may: one of their roles is it or after it (the policy's rule).</summary>
    public static bool Allows(this ClaimsPrincipal user, AccessRole role)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true && RolesOf(user).Any(r => r >= role);
    }

    /// <summary>The role a policy name stands for, if it is one of these.</summary>
    public static AccessRole? RoleOf(string? policy) => Enum.TryParse<AccessRole>(policy, out var role) && Enum.IsDefined(role) ? role : null;

    /// <summary>The role a page or endpoint needs: the highest among its policies, as all of them must pass.</summary>
    public static AccessRole? RequiredRole(IEnumerable<IAuthorizeData> authorizeData) =>
        authorizeData.Select(a => RoleOf(a.Policy)).Max();

    /// <summary>The role a page component needs, from its <c>[Authorize]</c> attributes.</summary>
    public static AccessRole? RequiredRole(Type pageType) =>
        RequiredRole(Attribute.GetCustomAttributes(pageType, typeof(AuthorizeAttribute), inherit: true).Cast<IAuthorizeData>());

    /// <summary>The user's roles on this dashboard, from least to most.</summary>
    public static IReadOnlyList<AccessRole> RolesOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var held = user.Identities.Where(i => RoleIssuers.Contains(i.AuthenticationType, StringComparer.Ordinal))
            .SelectMany(i => i.FindAll(RoleClaimType)).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return [.. All.Where(r => held.Contains(r.ToString()))];
    }
}
