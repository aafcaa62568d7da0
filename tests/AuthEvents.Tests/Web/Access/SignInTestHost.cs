using System.Security.Cryptography;
using AuthEvents.Tests.Support;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AuthEvents.Tests.Web.Access;

/// <summary>
/// The real host with sign-in configured against an OpenID provider that is only its metadata: the provider's endpoints
/// (for the redirect a page's challenge makes) and its signing key (for the access tokens the tests mint). Every request
/// goes through the product's own schemes, role mapping and policies. Optionally with services replaced (a held store, say).
/// </summary>
public sealed class SignInTestHost : IDisposable
{
    public const string Issuer = "https://idp.test";
    public const string Audience = "api://authevents";

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };

    public SignInTestHost(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "false",
            ["Auth:Oidc:Authority"] = Issuer,
            ["Auth:Oidc:ClientId"] = "dashboard",
            ["Auth:Oidc:ClientSecret"] = "dashboard-secret",
            ["Auth:Api:Audience"] = Audience,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var metadata = new OpenIdConnectConfiguration
        {
            Issuer = Issuer,
            AuthorizationEndpoint = Issuer + "/authorize",
            TokenEndpoint = Issuer + "/token",
            EndSessionEndpoint = Issuer + "/logout",
        };
        metadata.SigningKeys.Add(_key);
        var provider = new StaticConfigurationManager<OpenIdConnectConfiguration>(metadata);
        Host = new TestHost(all, replaced =>
        {
            replaced.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.ConfigurationManager = provider);
            replaced.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o => o.ConfigurationManager = provider);
            services?.Invoke(replaced);
        });
    }

    public TestHost Host { get; }

    /// <summary>An access token from the provider, for this dashboard, with the given role claim values.</summary>
    public string Token(string subject, string[] roles, string audience = Audience, string roleClaim = "roles", DateTime? expires = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Expires = expires,
            NotBefore = expires?.AddMinutes(-5),
            IssuedAt = expires?.AddMinutes(-5),
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["name"] = subject + " (test)", [roleClaim] = roles },
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });

    public void Dispose()
    {
        Host.Dispose();
        _key.Rsa.Dispose();
    }
}
