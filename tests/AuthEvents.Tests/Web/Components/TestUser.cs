using System.Security.Claims;
using AuthEvents.Web.Access;
using Microsoft.AspNetCore.Components.Authorization;

namespace AuthEvents.Tests.Web.Components;

/// <summary>The signed-in user components see: the local administrator by default, or someone with the given roles.</summary>
public sealed class TestUser : AuthenticationStateProvider, IHostEnvironmentAuthenticationStateProvider
{
    private AuthenticationState _state = new(With(LocalModeAuthenticationHandler.DisplayName, [AccessRole.Admin], local: true));

    /// <summary>A user as sign-in makes them: the provider's identity, then the dashboard's role mapping.</summary>
    public static ClaimsPrincipal With(string name, params AccessRole[] roles) => With(name, roles, local: false);

    public void Set(ClaimsPrincipal user)
    {
        _state = new AuthenticationState(user);
        NotifyAuthenticationStateChanged(Task.FromResult(_state));
    }

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(_state);

    /// <summary>As the circuit host sets the user (and the session timer ends them).</summary>
    public void SetAuthenticationState(Task<AuthenticationState> authenticationStateTask)
    {
        ArgumentNullException.ThrowIfNull(authenticationStateTask);
        _state = authenticationStateTask.Result;
        NotifyAuthenticationStateChanged(authenticationStateTask);
    }

    private static ClaimsPrincipal With(string name, AccessRole[] roles, bool local)
    {
        var provider = new ClaimsIdentity([new Claim("sub", local ? LocalModeAuthenticationHandler.Subject : name.ToLowerInvariant().Replace(" ", "-", StringComparison.Ordinal)), new Claim("name", name)], local ? LocalModeAuthenticationHandler.SchemeName : "oidc", "name", "roles");
        var user = new ClaimsPrincipal(provider);
        var mapped = new ClaimsIdentity(RoleClaimsTransformation.IdentityType, ClaimTypes.Name, AccessPolicies.RoleClaimType);
        mapped.AddClaims(roles.Select(r => new Claim(AccessPolicies.RoleClaimType, r.ToString())));
        if (local)
        {
            provider.AddClaims(mapped.Claims.Select(c => new Claim(c.Type, c.Value)));
        }
        else
        {
            user.AddIdentity(mapped);
        }

        return user;
    }
}
