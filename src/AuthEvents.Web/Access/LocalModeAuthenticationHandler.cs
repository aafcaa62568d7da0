using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AuthEvents.Web.Access;

/// <summary>
/// Local mode (no <c>Auth:Oidc:Authority</c>): every request is the local administrator. Start-up allows it only on
/// loopback (<see cref="LocalModeGuard"/>), where whoever reaches the port is already on the machine.
/// </summary>
public sealed class LocalModeAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Local";

    public const string Subject = "local";

    public const string DisplayName = "Local administrator";

    private static readonly ClaimsPrincipal Administrator = new(new ClaimsIdentity(
        [
            new Claim("sub", Subject),
            new Claim(ClaimTypes.Name, DisplayName),
            new Claim(AccessPolicies.RoleClaimType, nameof(AccessRole.Admin)),
        ],
        SchemeName,
        ClaimTypes.Name,
        AccessPolicies.RoleClaimType));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(Administrator, SchemeName)));
}
