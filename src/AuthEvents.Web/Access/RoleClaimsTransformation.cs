using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AuthEvents.Web.Access;

/// <summary>
/// Turns the provider's role claim (<c>Auth:Oidc:RoleClaim</c>, from the id token, userinfo or an access token) into this
/// dashboard's roles through <c>Auth:Roles:*</c>. Several matches give the union. The provider's own values are never
/// roles here as they come, so a provider role that happens to be called "Admin" grants nothing unless mapped (or left at
/// the default mapping, which is the role's own name).
/// </summary>
public sealed class RoleClaimsTransformation(IOptions<AccessOptions> options) : IClaimsTransformation
{
    /// <summary>The authentication type of the identity that holds the mapped roles.</summary>
    public const string IdentityType = "AuthEvents.Roles";

    private readonly AccessOptions _options = options.Value;

    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        // Called on every authentication of a request; the mapping is added once.
        if (principal.Identities.Any(i => i.AuthenticationType == IdentityType) || principal.Identity?.IsAuthenticated != true)
        {
            return Task.FromResult(principal);
        }

        var values = principal.FindAll(_options.Oidc.RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var roles = new ClaimsIdentity(IdentityType, ClaimTypes.Name, AccessPolicies.RoleClaimType);
        foreach (var role in AccessPolicies.All.Where(r => _options.Roles.ValuesFor(r).Any(values.Contains)))
        {
            roles.AddClaim(new Claim(AccessPolicies.RoleClaimType, role.ToString()));
        }

        var mapped = principal.Clone();
        mapped.AddIdentity(roles);
        return Task.FromResult(mapped);
    }
}
